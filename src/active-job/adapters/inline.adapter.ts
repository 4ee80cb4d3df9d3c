import { EnqueueError } from '../errors/enqueue.error';
import { JobNotRegisteredError } from '../errors/job-not-registered.error';
import type { ConsumingAdapter, JobPerformer } from './consuming-adapter.interface';
import type { AdapterJob } from './queue-adapter.interface';

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
    if (!this.performer) throw new JobNotRegisteredError('The inline adapter is not attached to a running ActiveJobModule');
    await this.performer(job.payload, { providerJobId: job.payload.jobId, queueName: job.payload.queueName, attemptsMade: 0 });
    return job.payload.jobId;
  }

  async enqueueAt(job: AdapterJob): Promise<string> {
    throw new EnqueueError(`The inline adapter cannot schedule ${job.payload.jobClass} for later (wait/waitUntil); use the bull or async adapter`);
  }
}
