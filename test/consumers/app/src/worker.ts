import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app.module.js';

// The worker process: no HTTP, consumes the queues of the registered jobs until SIGTERM, then drains.
async function bootstrap() {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  console.log('worker started');
}
void bootstrap();
