import type { Job as BullJob } from 'bull';
import type { JobPayload } from '../interfaces/job-payload.interface';
import { isoTimeCache } from '../utils/iso-time';

/**
 * Payload version 2, what the Bull adapter stores: only what Bull does not already keep. The class
 * is the Bull job's name; queue, enqueue time, schedule and priority are Bull's own fields.
 * Counters are written only when a retry carries them.
 */
export interface StoredPayloadV2 {
  v: 2;
  id: string;
  args: unknown[];
  /** Runs before this job was enqueued again by a retry. */
  ex?: number;
  /** Runs per `@RetryOn` handler. */
  ee?: Record<string, number>;
}

export const STORED_PAYLOAD_VERSION = 2;

const enqueuedAtIso = isoTimeCache();

export function toStoredPayload(payload: JobPayload): StoredPayloadV2 {
  const stored: StoredPayloadV2 = { v: 2, id: payload.jobId, args: payload.arguments };
  if (payload.executions > 0) stored.ex = payload.executions;
  for (const _key in payload.exceptionExecutions) {
    stored.ee = payload.exceptionExecutions;
    break;
  }
  return stored;
}

/**
 * The payload of a Bull job in the shape the execution layer reads: version 2 completed from Bull's
 * fields, version 1 (written by earlier releases) as it is. Anything else is handed over untouched,
 * for the execution layer to refuse with a message that says what is wrong.
 */
export function readStoredPayload(job: BullJob): unknown {
  let data: unknown = job.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return job.data;
    }
  }
  if (typeof data !== 'object' || data === null || (data as { v?: unknown }).v !== STORED_PAYLOAD_VERSION) return job.data;
  const stored = data as StoredPayloadV2;
  const delay = Number(job.opts.delay) || 0;
  const enqueuedAt = Number.isFinite(job.timestamp) ? enqueuedAtIso(job.timestamp) : '';
  return {
    v: 1,
    jobClass: job.name,
    jobId: stored.id,
    queueName: job.queue.name,
    priority: job.opts.priority ?? null,
    arguments: stored.args,
    executions: stored.ex ?? 0,
    exceptionExecutions: stored.ee ?? {},
    enqueuedAt,
    scheduledAt: delay > 0 && enqueuedAt ? new Date(job.timestamp + delay).toISOString() : null,
  } satisfies JobPayload;
}
