import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

// The web process: POST /users enqueues the welcome email and answers at once.
async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot({ worker: false }));
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000));
  // Nest's own "successfully started" line comes before the port is open; this one after.
  new Logger('Web').log(`Listening on ${await app.getUrl()}`);
}

void bootstrap();
