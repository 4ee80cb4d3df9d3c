import type { Job, Queue } from 'bull';
import { jobWithRawData, type RawJobData } from './bull-job';

type GetJobFromId = (jobId: string, opts?: { excludeData?: boolean }) => Promise<Job | null>;

/** Why Bull could not parse a job's data, on jobs read with their raw data instead. */
export const UNREADABLE_DATA = Symbol('active-job:unreadable-data');

/**
 * Bull parses a job's data while reading it (unless it was stored with `preventParsingData`), and
 * `getJobs` reads a whole page at once: one job of bad JSON written by another client made
 * `getFailed`, FailedJobs and Bull Board's lists throw for every job of the queue. Such a job is
 * read with its data as the stored string, and the parse error kept beside it; `getJob` (one job,
 * as Bull Board's retry and remove buttons read it) goes the same way.
 */
export function readUnparsableJobs(queue: Queue): void {
  const reading = queue as Queue & { getJobFromId: GetJobFromId };
  const getJobFromId = reading.getJobFromId;
  reading.getJobFromId = async (jobId, opts) => {
    try {
      return await getJobFromId(jobId, opts);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const raw: RawJobData = await queue.client.hgetall(queue.toKey(jobId));
      const job = jobWithRawData(queue, raw, jobId);
      Object.defineProperty(job, UNREADABLE_DATA, { value: error.message });
      return job;
    }
  };
  queue.getJob = async (jobId) => {
    await queue.isReady();
    return reading.getJobFromId(String(jobId));
  };
}
