import type { ApplicationJob } from '../application-job';

/** A concrete job class. */
export type JobType<J extends ApplicationJob = ApplicationJob> = new (...args: any[]) => J;

/** The arguments of a job class's `perform`: what `performLater` accepts. */
export type JobArguments<J extends ApplicationJob> = Parameters<J['perform']>;

/** What a job class's `perform` resolves to: what `performNow` returns. */
export type JobResult<J extends ApplicationJob> = Awaited<ReturnType<J['perform']>>;
