import type { Job, Queue } from 'bull';
import { DeserializationError } from '../errors/deserialization.error';
import { PAYLOAD_NOT_JSON, PAYLOAD_OVER_WORKER_LIMIT } from '../active-job.messages';
import { jobWithRawData, rememberRestarts, type RawJobData } from './bull-job';

type JobFromJobData = (jobData: RawJobData | null, jobId: string) => Job | null | Promise<Job | null>;

/**
 * Checks each job a worker fetches before Bull or the perform path reads it, and fails at once,
 * without retries, a job that cannot be read:
 * - data over `maxPayloadBytes` (written by another client: ours are refused at enqueue), which
 *   would otherwise be parsed and logged whole;
 * - data that is not JSON in a job without `preventParsingData`, which Bull parses itself while
 *   fetching, outside our perform path: the worker's loop would stall and the job end as "stalled".
 */
export function guardFetchedJobs(queue: Queue, maxPayloadBytes: number, report: (error: Error) => void): void {
  const fetching = queue as Queue & { nextJobFromJobData: JobFromJobData };
  const nextJobFromJobData = fetching.nextJobFromJobData.bind(fetching);
  const refuse = (jobData: RawJobData, jobId: string, error: DeserializationError) =>
    failUnreadable(queue, jobData, jobId, error).then(
      () => null,
      (failure: Error) => (report(failure), null),
    );
  fetching.nextJobFromJobData = (jobData, jobId) => {
    const bytes = jobData?.data === undefined ? 0 : Buffer.byteLength(jobData.data);
    if (bytes > maxPayloadBytes) {
      return refuse(jobData!, jobId, new DeserializationError(PAYLOAD_OVER_WORKER_LIMIT(bytes, maxPayloadBytes)));
    }
    // A job's hash has no stacktrace field until it fails, and Bull reads it with JSON.parse(undefined): a
    // SyntaxError thrown and caught for every job fetched, which cost more than the rest of our perform path.
    if (jobData && jobData.stacktrace === undefined) jobData.stacktrace = '[]';
    try {
      const job = nextJobFromJobData(jobData, jobId);
      if (!(job instanceof Promise)) rememberRestarts(job, jobData);
      return job;
    } catch (error) {
      return refuse(jobData!, jobId, new DeserializationError(PAYLOAD_NOT_JSON((error as Error).message)));
    }
  };
}

async function failUnreadable(queue: Queue, jobData: RawJobData, jobId: string, error: DeserializationError): Promise<void> {
  const job = jobWithRawData(queue, jobData, jobId);
  void job.discard(); // synchronous in Bull 4, typed as a promise
  await job.moveToFailed(error, true);
  queue.emit('failed', job, error);
}
