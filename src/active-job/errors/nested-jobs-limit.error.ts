import { ActiveJobError } from './active-job.error';

/** Jobs enqueued jobs that enqueued jobs… deeper than the test adapter follows: most likely a job that enqueues itself without end. */
export class NestedJobsLimitError extends ActiveJobError {}
