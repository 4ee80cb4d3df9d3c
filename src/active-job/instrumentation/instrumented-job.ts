import type { JobPayload } from '../interfaces/job-payload.interface';
import type { InstrumentedJob } from './job-event.interface';

export function instrumentedJob(payload: JobPayload, args: readonly unknown[], providerJobId?: string, executions = payload.executions): InstrumentedJob {
  return {
    jobClass: payload.jobClass,
    jobId: payload.jobId,
    providerJobId,
    queueName: payload.queueName,
    priority: payload.priority,
    arguments: args,
    executions,
    enqueuedAt: payload.enqueuedAt,
    scheduledAt: payload.scheduledAt,
  };
}
