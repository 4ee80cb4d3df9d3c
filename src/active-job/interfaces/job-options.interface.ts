import type { ConcurrencyLimitOptions } from '../concurrency/concurrency-options.interface';
import type { UniqueOptions } from '../uniqueness/unique-options.interface';
import type { Duration } from './duration.type';

/** Bull's retention: `true` removes at once, a number keeps that many, or keep by count and age (seconds). */
export type KeepJobs = boolean | number | { count?: number; age?: number };

/** How long to wait between attempts when a job fails. */
export type Backoff = Duration | { type: 'fixed' | 'exponential'; delay: Duration };

/** Options a job class declares with `@Job()`. */
export interface JobOptions {
  /** Queue the job is enqueued to (ActiveJob's `queue_as`). Default `'default'`. */
  queue?: string;
  /** Bull priority: 1 is the highest. Unset means no priority (fastest path in Bull). */
  priority?: number;
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
