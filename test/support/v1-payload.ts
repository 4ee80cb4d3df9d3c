/** A job payload of version 1, as a release before payload version 2 stored it and as other clients may still write it. */
export interface V1Payload {
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

/** A valid version 1 payload of `jobClass` on `queueName`, with a fresh job id unless given; `overrides` may make it invalid on purpose. */
export function v1Payload(fields: Pick<V1Payload, 'jobClass' | 'queueName'> & Partial<V1Payload>, overrides: object = {}): V1Payload {
  return {
    v: 1,
    jobId: `raw-${Math.random().toString(36).slice(2)}`,
    priority: null,
    arguments: [],
    executions: 0,
    exceptionExecutions: {},
    enqueuedAt: new Date().toISOString(),
    scheduledAt: null,
    ...fields,
    ...overrides,
  };
}
