import { EnqueueError } from './enqueue.error';

/** Redis could not be reached within the enqueue timeout; the job was not enqueued. */
export class RedisUnavailableError extends EnqueueError {}
