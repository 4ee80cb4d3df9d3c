import type { Queue } from 'bull';

/** Bull's own default, in seconds: what an idle slot waits for a job before it asks again. */
const BULL_DRAIN_DELAY_S = 5;
/** Below this an idle worker would mostly be polling Redis; fractions need Redis 6 or later. */
const MIN_DRAIN_DELAY_S = 0.1;

/**
 * The `drainDelay` (seconds) for a queue consumed with `concurrency` slots under `lockDurationMs`.
 *
 * Idle slots wait with blocking fetches queued one after another on the queue's one blocking
 * connection, each up to `drainDelay`; Redis serves them even while the process stands still
 * (SIGSTOP, a frozen VM). Such a process could take back its own job that stalled meanwhile, which
 * would then stall again and fail unperformed. Its lock can lapse half a `lockDuration` after the
 * freeze (renewals run every half), so every queued fetch must end well before: a quarter.
 */
export function drainDelayFor(concurrency: number, lockDurationMs: number): number {
  const seconds = lockDurationMs / 1000 / (4 * Math.max(1, concurrency));
  return Math.min(BULL_DRAIN_DELAY_S, Math.max(MIN_DRAIN_DELAY_S, Math.floor(seconds * 10) / 10));
}

/** Sets the queue's `drainDelay` for its concurrency, unless `bullSettings.drainDelay` was given. */
export function fitDrainDelay(queue: Queue, concurrency: number, explicit: boolean): void {
  if (explicit) return;
  const settings = (queue as Queue & { settings: { drainDelay: number; lockDuration: number } }).settings;
  settings.drainDelay = drainDelayFor(concurrency, settings.lockDuration);
}
