import type { ApplicationJob } from '../application-job';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobArguments, JobType } from '../interfaces/job-type.interface';
import type { SetOptions } from '../interfaces/set-options.interface';
import type { JobQueue } from './job-queue.service';

/**
 * A job class with per-enqueue options, from `Job.set({...})` or `jobQueue.set(Job, {...})`
 * (ActiveJob's `ConfiguredJob`).
 *
 * @example
 * await WelcomeEmailJob.set({ wait: '10m', priority: 5 }).performLater(user.id);
 * @publicApi
 */
export class ConfiguredJob<J extends ApplicationJob> {
  constructor(
    private readonly resolveQueue: () => JobQueue,
    private readonly type: JobType<J>,
    private readonly options: SetOptions,
  ) {}

  performLater(...args: JobArguments<J>): Promise<EnqueuedJob> {
    return this.resolveQueue().enqueue(this.type, args, this.options);
  }

  performAllLater(argumentLists: readonly JobArguments<J>[]): Promise<EnqueuedJob[]> {
    return this.resolveQueue().enqueueAll(this.type, argumentLists, this.options);
  }
}
