import Bull, { type Job, type Queue } from 'bull';

/** A job hash as Redis stores it: every field a string. */
export type RawJobData = Record<string, string | undefined>;

// Bull exports its Job class at run time; its typings do not declare it.
const BullJob = (Bull as unknown as { Job: { fromJSON(queue: Queue, json: RawJobData, jobId: string): Job } }).Job;

/**
 * Builds a Job from its raw hash whatever its data holds: the data stays the stored string (as with
 * `preventParsingData`), so a job written as bad JSON by another client can still be failed, listed,
 * retried and removed.
 */
export function jobWithRawData(queue: Queue, jobData: RawJobData, jobId: string): Job {
  let opts: Record<string, unknown> = {};
  try {
    opts = JSON.parse(jobData.opts ?? '{}');
  } catch {
    // Unreadable options too: the job gets none.
  }
  const readable = { ...jobData, opts: JSON.stringify({ ...opts, preventParsingData: true }), progress: '0', returnvalue: 'null' };
  return BullJob.fromJSON(queue, readable, jobId);
}
