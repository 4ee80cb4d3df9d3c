import Bull, { type Job, type Queue } from 'bull';
import { STACK_TRACE_LIMIT } from '../active-job.constants';

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
  const readable = {
    ...jobData,
    opts: JSON.stringify({ ...opts, preventParsingData: true, stackTraceLimit: STACK_TRACE_LIMIT }),
    progress: '0',
    returnvalue: 'null',
  };
  return BullJob.fromJSON(queue, readable, jobId);
}

const restarts = new WeakMap<Job, number>();

/** Bull counts a job's stalled runs in its hash (`stalledCounter`) but not on the Job it builds; keeps it. */
export function rememberRestarts(job: Job | null, jobData: RawJobData | null): void {
  if (job && jobData?.stalledCounter) restarts.set(job, Number(jobData.stalledCounter) || 0);
}

/** Runs of this job that stalled (their worker died or lost the lock) and were started again. */
export function restartsOf(job: Job): number {
  return restarts.get(job) ?? 0;
}
