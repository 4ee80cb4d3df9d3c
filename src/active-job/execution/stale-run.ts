import { LockLostError } from '../errors/lock-lost.error';
import { jobRunStorage, NEVER_ABORTED } from './job-execution';

/** The signal a run's job sees: aborted by its timeout, or when the backend says the run no longer owns the job. */
export function runSignal(timeout: AbortSignal, ownership: AbortSignal | undefined): AbortSignal {
  if (!ownership) return timeout;
  return timeout === NEVER_ABORTED ? ownership : AbortSignal.any([timeout, ownership]);
}

/** The LockLostError of a run that no longer owns its job, else undefined. */
export function staleRunError(signal: AbortSignal): LockLostError | undefined {
  return signal.aborted && signal.reason instanceof LockLostError ? signal.reason : undefined;
}

/**
 * Refuses what a stale run (one whose lock was lost, so another worker may be running its job)
 * would still do through ActiveJob: enqueue jobs, retry itself. Called by the enqueue paths.
 */
export function refuseStaleRun(): void {
  const signal = jobRunStorage.getStore()?.execution.signal;
  const stale = signal && staleRunError(signal);
  if (stale) throw stale;
}
