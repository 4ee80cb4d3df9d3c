import type { JobPayload } from '../interfaces/job-payload.interface';

/** Backend options of one job, resolved from the module defaults and `@Job()`. Durations in ms. */
export interface ProviderJobOptions {
  attempts: number;
  backoff?: { type: 'fixed' | 'exponential'; delay: number };
  removeOnComplete: ResolvedKeepJobs;
  removeOnFail: ResolvedKeepJobs;
}

/** Retention as Bull takes it: age in seconds. */
export type ResolvedKeepJobs = boolean | number | { count?: number; age?: number };

export interface AdapterJob {
  readonly payload: JobPayload;
  readonly options: ProviderJobOptions;
  /** Store the job under this backend id; a second enqueue with the same id adds nothing (the outbox relay's idempotency). */
  readonly providerJobId?: string;
}

/** Per job of `enqueueAll`: the backend id, or why that job was not stored. */
export type EnqueueAllResult = { providerJobId: string } | { error: Error };

/**
 * The producer contract, as ActiveJob's abstract adapter: `enqueue` and `enqueueAt`, with
 * `enqueueAll` optional (the library loops over `enqueue`/`enqueueAt` without it). Adapters that
 * also run jobs implement {@link ConsumingAdapter}.
 *
 * @example
 * class SqsAdapter implements QueueAdapter {
 *   readonly name = 'Sqs';
 *   async enqueue(job: AdapterJob) { return this.send(job.payload, 0); }
 *   async enqueueAt(job: AdapterJob, timestamp: number) { return this.send(job.payload, timestamp - Date.now()); }
 * }
 * @publicApi
 */
export interface QueueAdapter {
  /** Shown in log lines: `to Bull(mailers)`. */
  readonly name: string;
  enqueue(job: AdapterJob): Promise<string>;
  /** Stores the job to run at `timestamp` (epoch ms): the adapter waits for exactly that moment. */
  enqueueAt(job: AdapterJob, timestamp: number): Promise<string>;
  enqueueAll?(jobs: readonly EnqueueAllJob[]): Promise<EnqueueAllResult[]>;
}

/** A job of `enqueueAll` with the moment it may run (null: at once). */
export interface EnqueueAllJob extends AdapterJob {
  readonly runAt: number | null;
}
