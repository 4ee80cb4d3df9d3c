import { EnqueueError } from '../errors/enqueue.error';
import { JobNotRegisteredError } from '../errors/job-not-registered.error';
import type { ConsumingAdapter, JobPerformer } from './consuming-adapter.interface';
import type { AdapterJob } from './queue-adapter.interface';
import { ADAPTER_NOT_ATTACHED, INLINE_CANNOT_SCHEDULE } from '../active-job.messages';

/**
 * Performs each job at enqueue, in the caller's async context, as ActiveJob's inline adapter.
 * An error in `perform` rejects `performLater`. It cannot schedule: `wait` is refused.
 */
export class InlineAdapter implements ConsumingAdapter {
  readonly name = 'Inline';
  readonly performsInProcess = true;
  private performer?: JobPerformer;

  attach(performer: JobPerformer): void {
    this.performer = performer;
  }

  async enqueue(job: AdapterJob): Promise<string> {
    if (!this.performer) throw new JobNotRegisteredError(ADAPTER_NOT_ATTACHED('inline'));
    await this.performer(job.payload, { providerJobId: job.payload.jobId, queueName: job.payload.queueName, attemptsMade: 0 });
    return job.payload.jobId;
  }

  async enqueueAt(job: AdapterJob): Promise<string> {
    throw new EnqueueError(INLINE_CANNOT_SCHEDULE(job.payload.jobClass));
  }
}
