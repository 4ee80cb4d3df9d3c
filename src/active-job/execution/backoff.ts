import type { ProviderJobOptions } from '../adapters/queue-adapter.interface';

/** Delay before the next attempt, as Bull computes it, so in-process adapters wait the same. */
export function backoffDelay(backoff: ProviderJobOptions['backoff'], attemptsMade: number): number {
  if (!backoff) return 0;
  return backoff.type === 'fixed' ? backoff.delay : Math.round((2 ** attemptsMade - 1) * backoff.delay);
}
