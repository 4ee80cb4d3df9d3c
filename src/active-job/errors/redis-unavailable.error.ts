import { EnqueueError } from './enqueue.error';

/**
 * Redis did not answer within the enqueue timeout. When no connection was up (`maybeStored` false)
 * the command was never sent and the job was not enqueued. When Redis stopped answering a command
 * already sent (`maybeStored` true), the job may still be stored, and then runs, once Redis is back:
 * jobs are delivered at least once, so perform should be idempotent.
 */
export class RedisUnavailableError extends EnqueueError {
  constructor(
    message: string,
    readonly maybeStored: boolean,
  ) {
    super(message);
  }
}
