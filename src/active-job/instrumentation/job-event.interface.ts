/** The job an instrumentation event is about. */
export interface InstrumentedJob {
  jobClass: string;
  jobId: string;
  /** The backend's id, once it has one. */
  providerJobId?: string;
  queueName: string;
  priority: number | null;
  /** Deserialized (as `perform` receives them). */
  arguments: readonly unknown[];
  executions: number;
  enqueuedAt: string | null;
  scheduledAt: string | null;
}

/** The message of every `active_job.*` diagnostics channel except `enqueue_all`. */
export interface JobEvent {
  /** Identifies the application that published it (one per ActiveJobModule.forRoot). */
  source: object;
  /** Adapter name as in logs: `Bull`, `Async`, `Inline`, `Test`. */
  adapter: string;
  job: InstrumentedJob;
  /** Whether the job class wants its arguments logged. */
  logArguments: boolean;
  /** For `perform`, `enqueue*`: how long it took. */
  durationMs?: number;
  /** The error that failed the step, or that a retry or discard is due to. */
  error?: unknown;
  /** A callback halted the step (`enqueue`, `perform`). */
  aborted?: boolean;
  /** For `enqueue_retry`: milliseconds until the retry. */
  waitMs?: number;
}

/** The message of `active_job.enqueue_all`. */
export interface EnqueueAllEvent {
  source: object;
  adapter: string;
  jobClass: string;
  queueName: string;
  enqueuedCount: number;
  failedCount: number;
  durationMs: number;
  error?: unknown;
}
