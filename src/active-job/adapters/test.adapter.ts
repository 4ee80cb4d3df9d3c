import { AsyncLocalStorage } from 'node:async_hooks';
import { JobNotRegisteredError } from '../errors/job-not-registered.error';
import { NestedJobsLimitError } from '../errors/nested-jobs-limit.error';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { ConsumingAdapter, JobPerformer } from './consuming-adapter.interface';
import { nextAttemptDelay } from './in-process-retry';
import type { AdapterJob, ProviderJobOptions } from './queue-adapter.interface';
import { ADAPTER_NOT_ATTACHED, NESTED_JOBS_LIMIT } from '../active-job.messages';

/** A job the test adapter recorded. */
export interface RecordedJob {
  readonly payload: JobPayload;
  readonly options: ProviderJobOptions;
  /** When it may run, epoch ms; `null` for at once. */
  readonly at: number | null;
  /** Runs that failed before this one: 0 for a fresh job, n for its n-th retry. */
  readonly attemptsMade: number;
}

/** Jobs that enqueue jobs that enqueue jobs… this deep are taken for a loop without end. */
export const MAX_NESTED_JOBS = 100;

/**
 * Records jobs instead of running them, as ActiveJob's test adapter. `enqueuedJobs` and
 * `performedJobs` are the raw lists; the testing entry point builds assertions on top.
 *
 * A performed job that fails with attempts left is retried like Bull would: the retry is a new
 * recorded job scheduled after the job's backoff (performed at once when the test performs jobs).
 */
export class TestAdapter implements ConsumingAdapter {
  readonly name = 'Test';
  readonly enqueuedJobs: RecordedJob[] = [];
  readonly performedJobs: RecordedJob[] = [];
  /**
   * Performs jobs at enqueue instead of recording them (ActiveJob's `perform_enqueued_jobs = true`);
   * a function decides per job, as `performEnqueuedJobs({ only, except, queue, at }, fn)` does.
   */
  performEnqueuedJobs: boolean | ((job: RecordedJob) => boolean) = false;
  private performer?: JobPerformer;
  /** Class names of the jobs whose perform() enqueued each job, outermost first. */
  private readonly lineage = new WeakMap<RecordedJob, readonly string[]>();
  private readonly running = new AsyncLocalStorage<readonly string[]>();

  attach(performer: JobPerformer): void {
    this.performer = performer;
  }

  async enqueue(job: AdapterJob): Promise<string> {
    return this.record(job, null);
  }

  async enqueueAt(job: AdapterJob, timestamp: number): Promise<string> {
    return this.record(job, timestamp);
  }

  /** Performs a recorded job through the real execution path and moves it to `performedJobs`. */
  async perform(recorded: RecordedJob): Promise<void> {
    const index = this.enqueuedJobs.indexOf(recorded);
    if (index >= 0) this.enqueuedJobs.splice(index, 1);
    await this.run(recorded);
  }

  clear(): void {
    this.enqueuedJobs.length = 0;
    this.performedJobs.length = 0;
  }

  private async record(job: AdapterJob, at: number | null): Promise<string> {
    const recorded: RecordedJob = { payload: job.payload, options: job.options, at, attemptsMade: 0 };
    // Enqueued from inside a running job: remember by whom, to catch jobs that enqueue themselves forever.
    const parent = this.running.getStore();
    if (parent) this.lineage.set(recorded, parent);
    await this.dispatch(recorded);
    return job.payload.jobId;
  }

  private async dispatch(recorded: RecordedJob): Promise<void> {
    const policy = this.performEnqueuedJobs;
    if (typeof policy === 'function' ? policy(recorded) : policy) await this.run(recorded);
    else this.enqueuedJobs.push(recorded);
  }

  private async run(recorded: RecordedJob): Promise<void> {
    if (!this.performer) throw new JobNotRegisteredError(ADAPTER_NOT_ATTACHED('test'));
    const lineage = [...(this.lineage.get(recorded) ?? []), recorded.payload.jobClass];
    if (lineage.length > MAX_NESTED_JOBS) {
      throw new NestedJobsLimitError(NESTED_JOBS_LIMIT(recorded.payload.jobClass, MAX_NESTED_JOBS, lineage));
    }
    this.performedJobs.push(recorded);
    try {
      await this.running.run(lineage, () =>
        this.performer!(recorded.payload, {
          providerJobId: recorded.payload.jobId,
          queueName: recorded.payload.queueName,
          attemptsMade: recorded.attemptsMade,
        }),
      );
    } catch (error) {
      const attemptsMade = recorded.attemptsMade + 1;
      const delay = nextAttemptDelay(recorded, attemptsMade, error);
      if (delay === null) throw error;
      const retry: RecordedJob = { ...recorded, at: Date.now() + delay, attemptsMade };
      const parent = this.lineage.get(recorded);
      if (parent) this.lineage.set(retry, parent);
      await this.dispatch(retry);
    }
  }
}
