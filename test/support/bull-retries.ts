import type { Job, Queue } from 'bull';
import { waitUntil } from './wait-until';

/** The next delayed job of a queue: a retry Bull is holding back. */
export async function nextDelayed(queue: Queue, timeoutMs = 5_000): Promise<Job> {
  let delayed: Job[] = [];
  await waitUntil(async () => (delayed = await queue.getDelayed()).length > 0, timeoutMs, `a delayed job in ${queue.name}`);
  return delayed[0];
}

/** Reads a delayed retry's wait, then promotes it so the test need not sleep through it. */
export async function promoteNextRetry(queue: Queue): Promise<{ delay: number; payload: any }> {
  const job = await nextDelayed(queue);
  const result = { delay: job.opts.delay ?? 0, payload: job.data };
  await job.promote();
  return result;
}
