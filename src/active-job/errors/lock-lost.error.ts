import { ActiveJobError } from './active-job.error';

/**
 * The worker lost a running job's lock (frozen, or its event loop blocked, longer than Bull's
 * `lockDuration`; or the lock could not be extended): another worker may be running the job now.
 * The run's `signal` is aborted with this error, and what it would still do through ActiveJob
 * (enqueue, retry, after-discard callbacks) is refused.
 */
export class LockLostError extends ActiveJobError {
  constructor(
    readonly providerJobId: string,
    readonly queueName: string,
    detail: string,
  ) {
    super(`Lost the lock of job ${providerJobId} in Bull(${queueName}): ${detail}; this run is stale and its side effects through ActiveJob are refused`);
  }
}
