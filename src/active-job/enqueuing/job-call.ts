import type { JobInstance } from '../interfaces/job-instance.interface';
import type { JobArguments, JobType } from '../interfaces/job-type.interface';
import type { SetOptions } from '../interfaces/set-options.interface';

/**
 * One job to enqueue with `jobs.performAllLater([...])`, from `Job.with(...args)` or
 * `Job.set({...}).with(...args)`: its class, its type-checked arguments and its own options.
 * @publicApi
 */
export interface JobCall<J extends JobInstance = JobInstance> {
  readonly type: JobType<J>;
  readonly args: JobArguments<J>;
  readonly options: SetOptions;
}
