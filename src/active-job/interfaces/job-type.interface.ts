import type { JobInstance } from './job-instance.interface';

/** A concrete job class. */
export type JobType<J extends JobInstance = JobInstance> = new (...args: any[]) => J;

/** The arguments of a job class's `perform`: what `performLater` accepts. */
export type JobArguments<J extends JobInstance> = Parameters<J['perform']>;

/** What a job class's `perform` resolves to: what `performNow` returns. */
export type JobResult<J extends JobInstance> = Awaited<ReturnType<J['perform']>>;
