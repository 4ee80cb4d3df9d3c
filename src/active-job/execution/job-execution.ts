import { AsyncLocalStorage } from 'node:async_hooks';

/** What a job knows about the run in progress; read through `ApplicationJob`'s getters. */
export interface JobExecution {
  readonly jobClass: string;
  readonly jobId: string;
  readonly providerJobId: string;
  readonly queueName: string;
  readonly priority: number | null;
  readonly arguments: readonly unknown[];
  /** Runs so far, this one included (ActiveJob's `executions`). */
  readonly executions: number;
  readonly enqueuedAt: Date | null;
  readonly scheduledAt: Date | null;
  /** Aborts when the job's `timeout` passes or the worker gives up on the run. */
  readonly signal: AbortSignal;
}

// Job providers may be singletons running many jobs at once: per-run state lives in the async context, not on the instance.
export const jobExecutionStorage = new AsyncLocalStorage<JobExecution>();
