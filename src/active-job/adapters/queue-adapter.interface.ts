import type { JobPayload } from '../interfaces/job-payload.interface';
import type { KeepJobs } from '../interfaces/job-options.interface';

/** Backend options of one job, resolved from the module defaults and `@Job()`. Durations in ms. */
export interface ProviderJobOptions {
  attempts: number;
  backoff?: { type: 'fixed' | 'exponential'; delay: number };
  removeOnComplete: KeepJobs;
  removeOnFail: KeepJobs;
}

export interface AdapterJob {
  readonly payload: JobPayload;
  readonly options: ProviderJobOptions;
}

/** Per job of `enqueueAll`: the backend id, or why that job was not stored. */
export type EnqueueAllResult = { providerJobId: string } | { error: Error };

/** Which run of a job the backend is handing over. */
export interface JobAttempt {
  providerJobId: string;
  /** The queue the backend took the job from, for logs when the payload itself is unreadable. */
  queueName: string;
  /** Runs that failed before this one. */
  attemptsMade: number;
}

/** Runs a payload exactly as stored (object or JSON string) through the execution layer. */
export type JobPerformer = (data: unknown, attempt: JobAttempt) => Promise<void>;

export interface ConsumeOptions {
  concurrency: number;
  limiter?: { max: number; duration: number };
}

/**
 * The whole backend contract, as ActiveJob's abstract adapter: `enqueue` and `enqueueAt`,
 * with `enqueueAll` optional. Adapters that run jobs get the performer through `attach`.
 */
export interface QueueAdapter {
  /** Shown in log lines: `to Bull(mailers)`. */
  readonly name: string;
  /** Runs jobs in this very process whatever the worker mode (async, inline). */
  readonly performsInProcess?: boolean;
  enqueue(job: AdapterJob): Promise<string>;
  enqueueAt(job: AdapterJob, timestamp: number): Promise<string>;
  enqueueAll?(jobs: AdapterJob[]): Promise<EnqueueAllResult[]>;
  /** Hands the adapter the function that performs a stored payload; called once at module init. */
  attach?(performer: JobPerformer): void;
  /** Starts consuming a queue in this process. */
  consume?(queueName: string, options: ConsumeOptions): void;
  /** Stops taking jobs and waits for in-flight ones, at most `timeoutMs`. */
  drain?(timeoutMs: number): Promise<void>;
  /** Releases connections and timers. */
  close?(): Promise<void>;
}
