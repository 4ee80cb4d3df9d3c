import { DEFAULT_RETRY_JITTER, DEFAULT_RETRY_WAIT_MS } from '../active-job.constants';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { RetryWait } from './exception-handler.interface';
import { BAD_RETRY_WAIT } from '../active-job.messages';

/**
 * Milliseconds before retry number `executions` (ActiveJob's determine_delay):
 * `polynomiallyLonger` waits executions**4 + 2 s, `exponentiallyLonger` 2**executions s, a duration
 * that long; each plus up to `jitter` of itself at random. A function decides alone, without jitter.
 */
export function retryDelayMs(
  wait: RetryWait | undefined,
  executions: number,
  error: Error,
  jitter = DEFAULT_RETRY_JITTER,
  random: () => number = Math.random,
): number {
  if (typeof wait === 'function') {
    const delay = wait(executions, error);
    if (!Number.isFinite(delay) || delay < 0) {
      throw new InvalidJobOptionsError(BAD_RETRY_WAIT(delay));
    }
    return Math.round(delay);
  }
  // With no jitter no random number is drawn, so a delay is exactly reproducible.
  const withJitter = (ms: number) => (jitter === 0 ? ms : Math.round(ms + random() * ms * jitter));
  if (wait === 'polynomiallyLonger') return withJitter(executions ** 4 * 1000) + 2000;
  if (wait === 'exponentiallyLonger') return withJitter(2 ** executions * 1000);
  return withJitter(toMilliseconds(wait ?? DEFAULT_RETRY_WAIT_MS, '@RetryOn wait'));
}
