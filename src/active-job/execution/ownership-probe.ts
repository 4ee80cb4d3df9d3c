/** Checks that a run still owns its job, at once and without I/O; aborts the run's signal when it does not. */
export type OwnershipProbe = () => void;

const probes = new WeakMap<AbortSignal, OwnershipProbe>();

/** Makes `probe` the synchronous check behind `signal` (and any signal combined from it, see `carryOwnershipProbe`). */
export function setOwnershipProbe(signal: AbortSignal, probe: OwnershipProbe): void {
  probes.set(signal, probe);
}

/** `combined` aborts when `source` does: it gets the same check. */
export function carryOwnershipProbe(source: AbortSignal, combined: AbortSignal): void {
  const probe = probes.get(source);
  if (probe) probes.set(combined, probe);
}

/**
 * Checks, here and now, whether the run behind `signal` still owns its job, and aborts `signal` if
 * it does not. A worker that stood still past its lock (SIGSTOP, a paused VM) may handle the I/O that
 * arrived meanwhile before the timer that would notice: a side effect about to leave (an email's body)
 * asks first. Signals without a check (a timeout's, a caller's own) are left as they are.
 */
export function checkOwnership(signal: AbortSignal | undefined): void {
  if (signal && !signal.aborted) probes.get(signal)?.();
}
