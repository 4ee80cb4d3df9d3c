import type { JobPayload } from '../interfaces/job-payload.interface';
import type { AdapterJob, JobPerformer, ProviderJobOptions, QueueAdapter } from './queue-adapter.interface';

/** A job the test adapter recorded. */
export interface RecordedJob {
  readonly payload: JobPayload;
  readonly options: ProviderJobOptions;
  /** When it may run, epoch ms; `null` for at once. */
  readonly at: number | null;
}

/**
 * Records jobs instead of running them, as ActiveJob's test adapter. `enqueuedJobs` and
 * `performedJobs` are the raw lists; the testing entry point builds assertions on top.
 */
export class TestAdapter implements QueueAdapter {
  readonly name = 'Test';
  readonly enqueuedJobs: RecordedJob[] = [];
  readonly performedJobs: RecordedJob[] = [];
  /** When true, jobs are performed at enqueue (ActiveJob's `perform_enqueued_jobs = true`). */
  performEnqueuedJobs = false;
  private performer?: JobPerformer;

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
    const recorded: RecordedJob = { payload: job.payload, options: job.options, at };
    if (this.performEnqueuedJobs) await this.run(recorded);
    else this.enqueuedJobs.push(recorded);
    return job.payload.jobId;
  }

  private async run(recorded: RecordedJob): Promise<void> {
    if (!this.performer) throw new Error('The test adapter is not attached to a running ActiveJobModule');
    this.performedJobs.push(recorded);
    await this.performer(recorded.payload, {
      providerJobId: recorded.payload.jobId,
      queueName: recorded.payload.queueName,
      attemptsMade: 0,
    });
  }
}
