import type { ApplicationJob } from '../application-job';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobArguments, JobResult, JobType } from '../interfaces/job-type.interface';
import type { SetOptions } from '../interfaces/set-options.interface';
import type { JobCall } from './job-call';
import type { JobQueue } from './job-queue.service';

/**
 * A job class with per-enqueue options, from `Job.set({...})` or `jobQueue.set(Job, {...})`
 * (ActiveJob's `ConfiguredJob`). Exported as a type: it is made by `set()`, never by hand.
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

  /** Performs at once in this process, the run seeing these options' `queue` and `priority`. */
  performNow(...args: JobArguments<J>): Promise<JobResult<J>> {
    return this.resolveQueue().performNowWith(this.type, args, this.options);
  }

  /** This job with these options, for `jobs.performAllLater([...])`. */
  with(...args: JobArguments<J>): JobCall<J> {
    return { type: this.type, args, options: this.options };
  }
}
