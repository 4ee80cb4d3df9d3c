/** A job that failed for good, as Bull's failed set keeps it. */
export interface FailedJob {
  providerJobId: string;
  queueName: string;
  jobClass: string;
  /** Our id; `null` when the payload is unreadable. */
  jobId: string | null;
  /** Deserialized when the payload is readable, else the raw stored data. */
  arguments: readonly unknown[] | unknown;
  /** Why the payload cannot be read (bad JSON, an unknown version...); `null` when it can. Such a job can still be retried and discarded. */
  unreadable: string | null;
  failedReason: string;
  /** Bounded: the last lines Bull kept. */
  stacktrace: string[];
  attemptsMade: number;
  executions: number | null;
  failedAt: Date | null;
}

export interface FailedJobsFilter {
  /** One queue; default every queue this application registered jobs for. */
  queue?: string;
  /** Only the job of this Bull id (`providerJobId`). */
  providerJobId?: string;
  /** Only this job class (the class or its name). */
  jobClass?: Function | string;
  /** Most jobs to look at per queue, newest first. Default 1000. */
  limit?: number;
}
