import type { INestApplicationContext, LoggerService, LogLevel, ModuleMetadata, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ActiveJobModule, type ActiveJobModuleOptions, type ApplicationJob } from '../../src/active-job';
import type { Type } from '@nestjs/common';
import { PerformedLog } from '../jobs/performed-log';

export interface JobsModuleOptions extends ActiveJobModuleOptions {
  jobs: Type<ApplicationJob>[];
  providers?: Provider[];
  /** Modules whose exports the jobs inject, beside PerformedLog. */
  imports?: NonNullable<ModuleMetadata['imports']>;
}

export interface JobsAppOptions extends JobsModuleOptions {
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

/**
 * The module of a test app: ActiveJob with `options`, and `jobs` able to inject PerformedLog and whatever
 * `imports` export. The one place tests build such a module, for NestFactory as for Nest's Test.
 */
export function jobsAppModule({ jobs, providers = [], imports = [], ...options }: JobsModuleOptions): Type {
  @Module({ providers: [PerformedLog], exports: [PerformedLog] })
  class PerformedLogModule {}

  @Module({
    imports: [
      ActiveJobModule.forRoot(options),
      ActiveJobModule.forFeature(jobs, { imports: [PerformedLogModule, ...imports] }),
      PerformedLogModule,
      ...imports,
    ],
    providers,
  })
  class JobsAppModule {}
  return JobsAppModule;
}

/** A Nest application context with ActiveJob and the given jobs, initialized (no HTTP). */
export async function createJobsApp({ logger = false, ...options }: JobsAppOptions): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(jobsAppModule(options), { logger, abortOnError: false });
}
