import type { ModuleMetadata, Type } from '@nestjs/common';
import type { AdvancedSettings } from 'bull';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import type { RecurringTaskOptions } from '../recurring/recurring-options.interface';
import type { ArgumentSerializer } from '../serialization/argument-serializer.interface';
import type { ErrorReporter } from '../reporting/error-reporter.interface';
import type { TransactionOptions } from '../transactions/transaction-options.interface';
import type { Duration } from './duration.type';
import type { Backoff, KeepJobs } from './job-options.interface';
import type { RedisConnection } from './redis-connection.interface';

export type AdapterName = 'bull' | 'async' | 'inline' | 'test';

/**
 * Which ActiveJob log lines a process writes: `'all'` (Rails' default) or `'failures'`, which drops
 * the per-job success lines (`Enqueued`, `Performing`, `Performed`) and keeps every line about a
 * job that failed, was halted, retried or discarded.
 */
export type LogLines = 'all' | 'failures';

/** How this process consumes queues. Only the `bull` adapter has separate workers. */
export interface WorkerOptions {
  /** Consume queues in this process. Default `false`: a web process only enqueues. */
  enabled?: boolean;
  /** Consume only these queues. Default: every queue a registered job or `@Processor` names. */
  queues?: string[];
  /** Jobs run at once per queue, unless a `@Processor` says otherwise. Default 1. */
  concurrency?: number;
  /** How long shutdown waits for in-flight jobs before closing. Default 25 s. */
  shutdownTimeout?: Duration;
}

/** Job options every job class starts from. */
export interface DefaultJobOptions {
  /** Total runs including the first. Default 1 (no retry). */
  attempts?: number;
  backoff?: Backoff;
  /** Default: keep the last 1000 completed jobs, at most one day. */
  removeOnComplete?: KeepJobs;
  /** Default: keep the last 5000 failed jobs, at most a week. */
  removeOnFail?: KeepJobs;
}

export interface ActiveJobModuleOptions {
  /** Backend: `'bull'` (default when `connection` is set), `'async'` (default otherwise), `'inline'`, `'test'`, or an adapter instance. */
  adapter?: AdapterName | QueueAdapter;
  /**
   * Redis: a URL (`redis://user:pass@host:6379/2`, `rediss://` for TLS), ioredis options (Sentinel:
   * `{ sentinels: [{ host, port }], name: 'mymaster' }`), or a cluster: `{ cluster: [{ host, port }] }`.
   */
  connection?: RedisConnection;
  /** Key prefix of every Bull key. Default `'bull'`. A Redis Cluster needs a hash tag, e.g. `'{jobs}'`, and refuses a prefix without. */
  prefix?: string;
  defaultJobOptions?: DefaultJobOptions;
  worker?: WorkerOptions;
  /** Longest `performLater` waits for Redis before rejecting with `RedisUnavailableError`. Default 5 s. */
  enqueueTimeout?: Duration;
  /** Log job arguments in enqueue and perform lines. Default `true`. */
  logArguments?: boolean;
  /**
   * `'all'` (default) writes ActiveJob's `Enqueued`, `Performing` and `Performed` line for every job;
   * `'failures'` writes only the lines about failed, halted, retried and discarded jobs, which costs
   * nothing per successful job (see docs/performance.md for the measured cost of a line).
   *
   * @example
   * ActiveJobModule.forRoot({ connection: process.env.REDIS_URL, logLines: 'failures' })
   */
  logLines?: LogLines;
  /** Largest serialized payload accepted at enqueue. Default 512 KiB. */
  maxPayloadBytes?: number;
  /** Serializers for argument types beyond JSON, Date, BigInt, Map, Set and undefined. */
  serializers?: ArgumentSerializer[];
  /** Bull's advanced settings (`lockDuration`, `stalledInterval`, `maxStalledCount`, ...) for every queue. */
  bullSettings?: AdvancedSettings;
  /** Prefix of every queue name (Rails' `queue_name_prefix`): `'production'` makes `mailers` `production_mailers`. A class may override it. */
  queueNamePrefix?: string;
  /** Between the prefix and the queue name. Default `'_'`. */
  queueNameDelimiter?: string;
  /** Queue of job classes that name none. Default `'default'`. */
  defaultQueueName?: string;
  /** Priority of job classes that name none (1 is the highest). Default: none. */
  defaultPriority?: number;
  /** Random extra wait of `@RetryOn` retries, as a fraction of the delay; a class or handler may override it. Default 0.15. */
  retryJitter?: number;
  /** Receives errors of jobs that fail for good, are discarded, or retry with `report: true` (Sentry, OpenTelemetry...). */
  errorReporter?: ErrorReporter;
  /** Recurring tasks besides those declared with `@Recurring` (Solid Queue's `recurring.yml`); see docs/flow-control.md. */
  recurring?: RecurringTaskOptions[];
  /** Jobs enqueued inside a database transaction: held until it commits, or written to an outbox in it (docs/transactions.md). */
  transactions?: TransactionOptions;
}

export interface ActiveJobOptionsFactory {
  createActiveJobOptions(): ActiveJobModuleOptions | Promise<ActiveJobModuleOptions>;
}

export interface ActiveJobModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory?: (...args: any[]) => ActiveJobModuleOptions | Promise<ActiveJobModuleOptions>;
  inject?: any[];
  useClass?: Type<ActiveJobOptionsFactory>;
  useExisting?: Type<ActiveJobOptionsFactory>;
}
