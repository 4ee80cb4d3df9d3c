import type { AdapterJob, EnqueueAllJob, EnqueueAllResult, QueueAdapter } from '../adapters/queue-adapter.interface';

/** The one place that decides between `enqueue` and `enqueueAt`: a job with a moment to wait for gets that moment. */
export function storeJob(adapter: QueueAdapter, job: AdapterJob, runAt: number | null): Promise<string> {
  return runAt === null ? adapter.enqueue(job) : adapter.enqueueAt(job, runAt);
}

/** One job of a bulk enqueue stored on its own: its backend id, or the error that refused it (the others go on). */
export async function storeEachJob(adapter: QueueAdapter, job: EnqueueAllJob): Promise<EnqueueAllResult> {
  try {
    return { providerJobId: await storeJob(adapter, job, job.runAt) };
  } catch (error) {
    return { error: error as Error };
  }
}
