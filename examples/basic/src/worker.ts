import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

// The worker process: the same modules, no HTTP; it performs the jobs the web process enqueued to Redis.
async function bootstrap(): Promise<void> {
  if (!process.env.REDIS_URL) {
    new Logger('Worker').error('REDIS_URL is not set: without Redis the web process performs the jobs itself');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ worker: true }));
  app.enableShutdownHooks(); // SIGTERM: finish the jobs in progress, then exit
  new Logger('Worker').log('Worker started');
}

void bootstrap();
