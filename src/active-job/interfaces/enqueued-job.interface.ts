/** What enqueueing a job returns: enough to find it again in the queue or the dashboard. */
export interface EnqueuedJob {
  /** Our id, stable across retries (ActiveJob's `job_id`). */
  jobId: string;
  /** The backend's id (Bull's job id; for inline and test, the same as `jobId`). */
  providerJobId: string;
  queueName: string;
  /** When the job may run; `null` for "as soon as possible". */
  scheduledAt: Date | null;
  /** True when a unique job was not enqueued again: the handle is the job already there. */
  duplicate?: boolean;
}
