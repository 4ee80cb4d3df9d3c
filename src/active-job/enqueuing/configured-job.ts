import type { JobInstance } from '../interfaces/job-instance.interface';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobArguments, JobResult, JobType } from '../interfaces/job-type.interface';
import type { SetOptions } from '../interfaces/set-options.interface';
import type { JobCall } from './job-call';

/** What a configured job needs of the JobQueue that made it (named here, so the two files do not import each other). */
export interface ConfiguredJobTarget {
  enqueue(type: Function, args: readonly unknown[], options: SetOptions): Promise<EnqueuedJob>;
  enqueueAll(type: Function, argumentLists: readonly (readonly unknown[])[], options: SetOptions): Promise<EnqueuedJob[]>;
  performNowWith(type: Function, args: readonly unknown[], options: SetOptions): Promise<unknown>;
}

/**
 * A job class with per-enqueue options, from `Job.set({...})` or `jobQueue.set(Job, {...})`
 * (ActiveJob's `ConfiguredJob`). Exported as a type: it is made by `set()`, never by hand.
 *
 * @example
 * await WelcomeEmailJob.set({ wait: '10m', priority: 5 }).performLater(user.id);
 * @publicApi
 */
export class ConfiguredJob<J extends JobInstance> {
  constructor(
    private readonly resolveQueue: () => ConfiguredJobTarget,
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
    return this.resolveQueue().performNowWith(this.type, args, this.options) as Promise<JobResult<J>>;
  }

  /** This job with these options, for `jobs.performAllLater([...])`. */
  with(...args: JobArguments<J>): JobCall<J> {
    return { type: this.type, args, options: this.options };
  }
}
