import type { ProviderJobOptions } from '../adapters/queue-adapter.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';

/** A job parked for want of a slot: everything needed to enqueue it again, from any worker. */
export interface BlockedEntry {
  payload: JobPayload;
  options: ProviderJobOptions;
  /** Its unique lock, to point at the job's new copy once enqueued again. */
  uniqueKey?: string;
  uniqueForMs?: number;
}
