import { ActiveJobError } from './active-job.error';

/** A payload read back from the queue is malformed: bad JSON, unknown version, broken arguments. */
export class DeserializationError extends ActiveJobError {}
