import type { INestApplicationContext, LoggerService, LogLevel, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ActiveJobModule, type ActiveJobModuleOptions, type ApplicationJob } from '../../src/active-job';
import type { Type } from '@nestjs/common';
import { PerformedLog } from '../jobs/performed-log';

export interface JobsAppOptions extends ActiveJobModuleOptions {
  jobs: Type<ApplicationJob>[];
  providers?: Provider[];
  /** Nest logger for the app; silent by default so test output stays readable. */
  logger?: LoggerService | LogLevel[] | false;
}

/** A fresh key prefix per test, so tests sharing the harness's Redis never see each other's jobs. */
export function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}`;
}

export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is unset: run the tests through jest, whose global setup starts Redis');
  return url;
}

/** A Nest application context with ActiveJob and the given jobs, initialized (no HTTP). */
export async function createJobsApp({ jobs, providers = [], logger = false, ...options }: JobsAppOptions): Promise<INestApplicationContext> {
  @Module({ providers: [PerformedLog], exports: [PerformedLog] })
  class PerformedLogModule {}

  @Module({
    imports: [ActiveJobModule.forRoot(options), ActiveJobModule.forFeature(jobs, { imports: [PerformedLogModule] }), PerformedLogModule],
    providers,
  })
  class JobsAppModule {}
  const app = await NestFactory.createApplicationContext(JobsAppModule, { logger, abortOnError: false });
  return app;
}
