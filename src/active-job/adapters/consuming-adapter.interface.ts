import type { QueueAdapter } from './queue-adapter.interface';

/** Which run of a job the backend is handing over. */
export interface JobAttempt {
  providerJobId: string;
  /** The queue the backend took the job from, for logs when the payload itself is unreadable. */
  queueName: string;
  /** Runs that failed before this one. */
  attemptsMade: number;
  /** Runs that stalled (their worker died or lost the job) and were started again; counted in `executions`. */
  restarts?: number;
  /**
   * Aborted when this run no longer owns the job (its lock was lost): the run is stale. It may be a
   * getter that creates the signal when first read, with `ownershipLost` answering meanwhile.
   */
  readonly signal?: AbortSignal;
  /** The reason `signal` aborts with once the run lost the job, else undefined; asked without reading `signal`. */
  ownershipLost?(): unknown;
}

/** Runs a payload exactly as stored (object or JSON string) through the execution layer. */
export type JobPerformer = (data: unknown, attempt: JobAttempt) => Promise<void>;

export interface ConsumeOptions {
  concurrency: number;
  limiter?: { max: number; duration: number };
}

/**
 * The worker side of an adapter, apart from the producer contract: adapters that run jobs
 * (bull, async, inline, test) receive the performer and, where they keep queues, consume,
 * drain and close them.
 */
export interface ConsumingAdapter extends QueueAdapter {
  /** Runs jobs in this very process whatever the worker mode (async, inline). */
  readonly performsInProcess?: boolean;
  /** Hands the adapter the function that performs a stored payload; called once at module init. */
  attach(performer: JobPerformer): void;
  /** Starts consuming a queue in this process. */
  consume?(queueName: string, options: ConsumeOptions): void;
  /** Stops taking jobs and waits for in-flight ones, at most `timeoutMs`. */
  drain?(timeoutMs: number): Promise<void>;
  /** Releases connections and timers. */
  close?(): Promise<void>;
  /** The backend's own queue object by name (Bull's `Queue`), for `@InjectQueue` and dashboards; absent without one. */
  providerQueue?(name: string): unknown;
  /** Every backend queue this application has opened, e.g. to put them all on Bull Board. */
  providerQueues?(): unknown[];
  /** The Redis connection commands share, where the backend has one: coordination state (unique locks, slots, ticks) lives there. */
  redisClient?(): import('ioredis').default | import('ioredis').Cluster;
}

export function isConsumingAdapter(adapter: QueueAdapter): adapter is ConsumingAdapter {
  return typeof (adapter as Partial<ConsumingAdapter>).attach === 'function';
}
