import { ActiveJobError } from './active-job.error';

/** A job's run details (`this.jobId`, `retryJob()`…) were read outside its run or its callbacks. */
export class OutsideJobRunError extends ActiveJobError {}
