import { LockLostError } from '../errors/lock-lost.error';
import type { JobAttempt } from '../adapters/consuming-adapter.interface';
import { jobRunStorage, NEVER_ABORTED } from './job-execution';
import { carryOwnershipProbe } from './ownership-probe';

/** The signal a run's job sees: aborted by its timeout, or when the backend says the run no longer owns the job. */
export function runSignal(timeout: AbortSignal, ownership: AbortSignal | undefined): AbortSignal {
  if (!ownership) return timeout;
  if (timeout === NEVER_ABORTED) return ownership;
  const combined = AbortSignal.any([timeout, ownership]);
  carryOwnershipProbe(ownership, combined);
  return combined;
}

/** Why a run lost its job (the reason its ownership signal aborts with), asked without creating that signal where the adapter can. */
export function ownershipLost(attempt: JobAttempt): unknown {
  if (attempt.ownershipLost) return attempt.ownershipLost();
  const signal = attempt.signal;
  return signal?.aborted ? signal.reason : undefined;
}

/** The LockLostError among a run's stop reasons, else undefined: such a run is stale. */
export function staleRunError(reason: unknown): LockLostError | undefined {
  return reason instanceof LockLostError ? reason : undefined;
}

/**
 * Refuses what a stale run (one whose lock was lost, so another worker may be running its job)
 * would still do through ActiveJob: enqueue jobs, retry itself. Called by the enqueue paths.
 */
export function refuseStaleRun(): void {
  const stale = jobRunStorage.getStore()?.stale?.();
  if (stale) throw stale;
}
