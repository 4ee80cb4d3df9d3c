import type { JobAttempt } from '../adapters/consuming-adapter.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition } from '../job-registry';
import type { JobExecution, JobRun, RetryRequest } from './job-execution';
import { NEVER_ABORTED } from './job-execution';
import type { JobRetrier } from './job-retrier';
import { ownershipLost, runSignal, staleRunError } from './stale-run';

/**
 * What a job knows of its run, through ApplicationJob's getters. Its dates and its signal are built
 * when first read: most runs read none of them, and an AbortSignal costs microseconds on Node 20.
 * A class rather than an object of getters and closures: a worker builds one per job.
 */
export class RunExecution implements JobExecution {
  readonly jobId: string;
  readonly providerJobId: string;
  readonly arguments: readonly unknown[];
  readonly queueName: string;
  readonly priority: number | null;
  readonly executions: number;
  /** The run's own counters, updated by exception handlers and carried by a retry. */
  readonly exceptionExecutions: Record<string, number>;
  private enqueuedDate?: Date;
  private scheduledDate?: Date | null;
  private combinedSignal?: AbortSignal;

  constructor(
    readonly jobClass: string,
    private readonly payload: JobPayload,
    args: readonly unknown[],
    private readonly attempt: JobAttempt,
    /** Only a job with a timeout has one; the others share a signal that never fires. */
    readonly timeout: AbortController | undefined,
  ) {
    this.jobId = payload.jobId;
    this.arguments = args;
    this.providerJobId = attempt.providerJobId;
    this.queueName = payload.queueName;
    this.priority = payload.priority;
    this.executions = payload.executions + attempt.attemptsMade + (attempt.restarts ?? 0) + 1;
    this.exceptionExecutions = { ...payload.exceptionExecutions };
  }

  get enqueuedAt(): Date {
    return (this.enqueuedDate ??= new Date(this.payload.enqueuedAt));
  }

  get scheduledAt(): Date | null {
    if (this.scheduledDate === undefined) this.scheduledDate = this.payload.scheduledAt ? new Date(this.payload.scheduledAt) : null;
    return this.scheduledDate;
  }

  get signal(): AbortSignal {
    return (this.combinedSignal ??= runSignal(this.timeout?.signal ?? NEVER_ABORTED, this.attempt.signal));
  }

  /** Why the run must stop, if it must: its job went to another worker (stale), or its deadline passed. */
  stopReason(): unknown {
    return ownershipLost(this.attempt) ?? (this.timeout?.signal.aborted ? this.timeout.signal.reason : undefined);
  }
}

/** The run in the async context: its execution, its retry, and whether it went stale. */
export class ExecutorRun implements JobRun {
  constructor(
    readonly execution: RunExecution,
    private readonly attempt: JobAttempt,
    private readonly retrier: JobRetrier,
    private readonly definition: JobDefinition,
    private readonly payload: JobPayload,
  ) {}

  retry(options: RetryRequest, error?: Error): Promise<void> {
    return this.retrier.retry(this.definition, this.payload, this.execution, options, error);
  }

  stale() {
    return staleRunError(ownershipLost(this.attempt));
  }
}
