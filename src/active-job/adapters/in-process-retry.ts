import { backoffDelay } from '../execution/backoff';
import { isPermanentFailure } from '../execution/permanent-failure';
import type { AdapterJob } from './queue-adapter.interface';

/**
 * Bull's own attempts and backoff, for the adapters that keep jobs in memory (async, test):
 * the delay before the next attempt after a failed run, or null when the job has failed for good.
 */
export function nextAttemptDelay(job: AdapterJob, attemptsMade: number, error: unknown): number | null {
  if (isPermanentFailure(error) || attemptsMade >= job.options.attempts) return null;
  return backoffDelay(job.options.backoff, attemptsMade);
}
