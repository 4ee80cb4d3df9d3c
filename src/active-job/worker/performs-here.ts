import type { ResolvedActiveJobOptions } from '../active-job-options';
import { isConsumingAdapter } from '../adapters/consuming-adapter.interface';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';

/** Whether this process performs jobs: a worker, or an adapter that runs them where they are enqueued (async, inline). */
export function performsHere(adapter: QueueAdapter, options: Pick<ResolvedActiveJobOptions, 'worker'>): boolean {
  return isConsumingAdapter(adapter) && (options.worker.enabled || adapter.performsInProcess === true);
}
