import { NEEDS_BULL } from '../active-job.messages';
import type { Queue } from 'bull';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { isConsumingAdapter } from './consuming-adapter.interface';
import type { QueueAdapter } from './queue-adapter.interface';

/** The Bull queue of that name, for features only Bull's stored state can serve (failed jobs, global pause). */
export function bullQueueOf(adapter: QueueAdapter, name: string, feature: string): Queue {
  const queue = isConsumingAdapter(adapter) ? (adapter.providerQueue?.(name) as Queue | undefined) : undefined;
  if (!queue) throw new InvalidJobOptionsError(NEEDS_BULL(feature, adapter.name));
  return queue;
}
