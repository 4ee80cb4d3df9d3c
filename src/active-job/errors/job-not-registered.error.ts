import { ActiveJobError } from './active-job.error';

/** A job class was enqueued or performed without being part of a running ActiveJobModule. */
export class JobNotRegisteredError extends ActiveJobError {}
