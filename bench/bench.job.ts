import { ApplicationJob, Job } from '../src/active-job';

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Where every side's handler reports a job it performed: the count, and for latency runs
 * enqueue-to-start. `reset(count, from)` resolves once `count` were performed; `first` holds the
 * moment and the process's CPU when job `from` was, so a processing rate leaves the worker's
 * startup out, and `measuring` resolves then.
 */
export const benchProbe = {
  performed: 0,
  latencies: [] as number[],
  first: { at: 0, cpu: { user: 0, system: 0 } },
  from: 1,
  target: Infinity,
  done: undefined as (() => void) | undefined,
  measuring: Promise.resolve(),
  started: undefined as (() => void) | undefined,

  /**
   * With `from` above 1 the window starts after a full GC, run inside job `from`'s handler: every
   * side's window then starts with an empty young generation, and the scavenges it pays are those
   * of its own jobs, not of its startup or of the round before (docs/performance.md).
   */
  reset(target: number, from = 1): Promise<void> {
    this.performed = 0;
    this.latencies = [];
    this.target = target;
    this.from = from;
    this.measuring = new Promise((resolve) => (this.started = resolve));
    return new Promise((resolve) => (this.done = resolve));
  },

  record(enqueuedAtMs?: number): void {
    if (enqueuedAtMs !== undefined) this.latencies.push(nowMs() - enqueuedAtMs);
    if (++this.performed === this.from) {
      if (this.from > 1) global.gc!();
      this.first = { at: performance.now(), cpu: process.cpuUsage() };
      this.started?.();
    }
    if (this.performed === this.target) this.done?.();
  },
};

/** Does nothing but report to the probe: what is measured is the queue around it. */
@Job({ queue: 'bench' })
export class BenchJob extends ApplicationJob {
  perform(_index: number, enqueuedAtMs?: number): void {
    benchProbe.record(enqueuedAtMs);
  }
}
