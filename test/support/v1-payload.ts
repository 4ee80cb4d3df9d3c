import type { JobPayload } from '../../src/active-job/interfaces/job-payload.interface';

/**
 * A valid version 1 payload (the library's JobPayload, as a release before payload version 2 stored it and as other
 * clients may still write it) of `jobClass` on `queueName`, with a fresh job id unless given; `overrides` may make it
 * invalid on purpose.
 */
export function v1Payload(fields: Pick<JobPayload, 'jobClass' | 'queueName'> & Partial<JobPayload>, overrides: object = {}): JobPayload {
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
