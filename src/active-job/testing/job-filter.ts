import type { ApplicationJob } from '../application-job';
import type { JobType } from '../interfaces/job-type.interface';
import type { TestJob } from './test-job';

/** Which jobs count: a class, a list of classes, or a predicate over the recorded job. */
export type JobFilter = JobType<ApplicationJob> | readonly JobType<ApplicationJob>[] | ((job: TestJob) => boolean);

/**
 * Narrows the jobs an assertion counts or `performEnqueuedJobs` performs, as ActiveJob's
 * `only:`, `except:` and `queue:`.
 * @publicApi
 */
export interface JobFilterOptions {
  /** Only jobs of these classes (or for which the predicate is true). */
  only?: JobFilter;
  /** Every job but these classes (or those for which the predicate is true). */
  except?: JobFilter;
  /** Only jobs on this queue. */
  queue?: string;
}

/** Options of `performEnqueuedJobs`. */
export interface PerformJobsOptions extends JobFilterOptions {
  /**
   * Performs only jobs due at this moment or earlier: jobs for "at once" and jobs scheduled with
   * `wait`/`waitUntil` up to `at`. Later jobs stay enqueued. Nothing really waits.
   */
  at?: Date | number;
}
