import { ApplicationJob, Job } from '../src/active-job';

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Where every side's handler reports a job it performed: the count, and for latency runs
 * enqueue-to-start. `until(count)` resolves once that many were performed, with the moment and the
 * process's CPU at the first one, so a processing rate leaves the workers' startup out.
 */
export const benchProbe = {
  performed: 0,
  latencies: [] as number[],
  first: { at: 0, cpu: { user: 0, system: 0 } },
  target: Infinity,
  done: undefined as (() => void) | undefined,

  reset(target: number): Promise<void> {
    this.performed = 0;
    this.latencies = [];
    this.target = target;
    return new Promise((resolve) => (this.done = resolve));
  },

  record(enqueuedAtMs?: number): void {
    if (enqueuedAtMs !== undefined) this.latencies.push(nowMs() - enqueuedAtMs);
    if (++this.performed === 1) this.first = { at: performance.now(), cpu: process.cpuUsage() };
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
