import type { ConcurrencyLimitOptions } from '../concurrency/concurrency-options.interface';
import type { UniqueOptions } from '../uniqueness/unique-options.interface';
import type { Duration } from './duration.type';

/** Retention: `true` removes at once, `false` keeps all, a number keeps that many, or keep by count and age (a duration: `'1d'`, or ms). */
export type KeepJobs = boolean | number | { count?: number; age?: Duration };

/** How long to wait between attempts when a job fails. */
export type Backoff = Duration | { type: 'fixed' | 'exponential'; delay: Duration };

/** Options a job class declares with `@Job()`. */
export interface JobOptions {
  /**
   * Queue the job is enqueued to (ActiveJob's `queue_as`): a name, or a function of `perform`'s
   * arguments evaluated at enqueue (`queue_as { ... }`). Default: the module's `defaultQueueName` (`'default'`).
   */
  queue?: string | ((...args: any[]) => string);
  /**
   * Bull priority, 1 the highest (ActiveJob's `queue_with_priority`): a number, or a function of the
   * arguments evaluated at enqueue. Default: the module's `defaultPriority` (none: Bull's fastest path).
   */
  priority?: number | ((...args: any[]) => number | null | undefined);
  /** This class's queue name prefix instead of the module's `queueNamePrefix`; `null` for none. */
  queueNamePrefix?: string | null;
  /** Random extra wait of this class's `@RetryOn` retries, as a fraction of the delay (default: the module's `retryJitter`). */
  retryJitter?: number;
  /** Total runs including the first; overrides the module's `defaultJobOptions.attempts`. */
  attempts?: number;
  /** Wait between attempts; overrides the module's `defaultJobOptions.backoff`. */
  backoff?: Backoff;
  /** `perform` gets an AbortSignal (`this.signal`) that aborts at this deadline; the run then fails with `JobTimeoutError`. */
  timeout?: Duration;
  /** Log the job's arguments (default: the module's `logArguments`). Turn off for jobs that carry secrets. */
  logArguments?: boolean;
  /** Retention of this job class's completed jobs. */
  removeOnComplete?: KeepJobs;
  /** Retention of this job class's failed jobs. */
  removeOnFail?: KeepJobs;
  /** One job per key at a time: a duplicate `performLater` resolves to the job already there (docs/flow-control.md). */
  unique?: UniqueOptions;
  /** At most `to` jobs with the same key run at once across all workers (docs/flow-control.md). */
  limitsConcurrency?: ConcurrencyLimitOptions;
}
