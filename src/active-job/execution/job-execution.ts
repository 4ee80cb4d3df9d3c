import { AsyncLocalStorage } from 'node:async_hooks';
import type { Duration } from '../interfaces/duration.type';
import type { LockLostError } from '../errors/lock-lost.error';

/** What a job knows about the run in progress; read through `ApplicationJob`'s getters. */
export interface JobExecution {
  readonly jobClass: string;
  readonly jobId: string;
  readonly providerJobId: string;
  readonly queueName: string;
  readonly priority: number | null;
  readonly arguments: readonly unknown[];
  /** Runs so far, this one included (ActiveJob's `executions`), stalled ones too; 0 while enqueueing. */
  readonly executions: number;
  /** Runs per `@RetryOn` handler, keyed like `[SmtpError]`. */
  readonly exceptionExecutions: Readonly<Record<string, number>>;
  readonly enqueuedAt: Date | null;
  readonly scheduledAt: Date | null;
  /** Aborts when the job's `timeout` passes, or when the run lost its job (`LockLostError`). */
  readonly signal: AbortSignal;
}

export interface RetryJobOptions {
  /** Delay before the retry: ms or a string such as `'10m'`. Default: at once. */
  wait?: Duration;
  queue?: string;
  priority?: number;
}

/** A retry as the perform path asks for it. */
export interface RetryRequest extends RetryJobOptions {
  /** The current run does not count as an execution (`retryAfter`: rescheduled, not failed). */
  uncounted?: boolean;
}

/** The run in progress, kept in the async context: job providers may be singletons running many jobs at once. */
export interface JobRun {
  readonly execution: JobExecution;
  /** Enqueues this job again with the same id and its executions so far (ActiveJob's `retry_job`). */
  retry(options: RetryRequest, error?: Error): Promise<void>;
  /** The LockLostError of a run that no longer owns its job, else undefined (runs of enqueue callbacks have none). */
  stale?(): LockLostError | undefined;
}

export const jobRunStorage = new AsyncLocalStorage<JobRun>();

/** The signal of runs that cannot time out (and of enqueue callbacks). */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;
