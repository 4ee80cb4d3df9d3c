/**
 * The data stored with every job: fixed and versioned, readable by any Bull client.
 * `arguments` holds JSON values, with non-JSON values tagged by `_aj_serialized`.
 */
export interface JobPayload {
  v: 1;
  jobClass: string;
  jobId: string;
  queueName: string;
  priority: number | null;
  arguments: unknown[];
  executions: number;
  exceptionExecutions: Record<string, number>;
  enqueuedAt: string;
  scheduledAt: string | null;
}
