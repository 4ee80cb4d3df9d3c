import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DemoConfigError, demoConfig } from './config';
import { workerSummary } from './startup-summary';
import { WorkerModule } from './worker.module';

// `npm run worker`: performs the jobs the web process enqueued to Redis; no HTTP.
async function bootstrap(): Promise<void> {
  const logger = new Logger('Demo');
  const config = demoConfig();
  if (!config.redisUrl) {
    logger.error('npm run worker needs REDIS_URL (e.g. redis://127.0.0.1:6379): without Redis, `npm start` performs the jobs itself');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config));
  app.enableShutdownHooks();
  for (const line of workerSummary({ ...config, redisUrl: config.redisUrl })) logger.log(line);
}

bootstrap().catch((error: Error) => {
  // A bad setting is the user's to fix: its message says how, a stack trace would only bury it.
  if (error instanceof DemoConfigError) new Logger('Demo').error(error.message);
  else new Logger('Demo').error(error.message, error.stack);
  process.exit(1);
});
