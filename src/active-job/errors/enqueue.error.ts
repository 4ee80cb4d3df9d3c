import { ActiveJobError } from './active-job.error';

/** The backend refused or failed to store the job (ActiveJob's `EnqueueError`); the job was not enqueued. */
export class EnqueueError extends ActiveJobError {}
