import { ApplicationJob, Job } from '../src/active-job';

/** Counts runs and, for latency, records enqueue-to-start; does nothing else (a no-op job). */
export const benchProbe = {
  performed: 0,
  latencies: [] as number[],
  onPerformed: undefined as (() => void) | undefined,
};

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

@Job({ queue: 'bench' })
export class BenchJob extends ApplicationJob {
  perform(_index: number, enqueuedAtMs?: number): void {
    if (enqueuedAtMs !== undefined) benchProbe.latencies.push(nowMs() - enqueuedAtMs);
    benchProbe.performed++;
    benchProbe.onPerformed?.();
  }
}
