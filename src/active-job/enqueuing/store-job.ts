import type { AdapterJob, QueueAdapter } from '../adapters/queue-adapter.interface';

/** The one place that decides between `enqueue` and `enqueueAt`: a job with a moment to wait for gets that moment. */
export function storeJob(adapter: QueueAdapter, job: AdapterJob, runAt: number | null): Promise<string> {
  return runAt === null ? adapter.enqueue(job) : adapter.enqueueAt(job, runAt);
}
