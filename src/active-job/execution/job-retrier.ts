import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { instrumentedJob } from '../instrumentation/instrumented-job';
import { publish } from '../instrumentation/channels';
import type { JobPayload } from '../interfaces/job-payload.interface';
import { checkPriority, checkQueueName, type JobDefinition } from '../job-registry';
import { toMilliseconds } from '../utils/duration';
import type { JobExecution, RetryRequest } from './job-execution';
import type { FlowControl } from '../coordination/flow-control';

/** Enqueues a job again, as ActiveJob's `retry_job`: same id, executions so far, the backend does the waiting. */
export class JobRetrier {
  constructor(
    private readonly adapter: QueueAdapter,
    private readonly source: object,
    private readonly flow: FlowControl,
  ) {}

  async retry(definition: JobDefinition, payload: JobPayload, execution: JobExecution, options: RetryRequest, error?: Error): Promise<void> {
    const waitMs = options.wait === undefined ? 0 : toMilliseconds(options.wait, 'retryJob() wait');
    const runAt = Date.now() + waitMs;
    const retryPayload: JobPayload = {
      ...payload,
      queueName: options.queue === undefined ? payload.queueName : checkQueueName(options.queue, 'retry queue'),
      priority: options.priority === undefined ? payload.priority : checkPriority(options.priority, 'retry priority'),
      executions: options.uncounted ? execution.executions - 1 : execution.executions,
      exceptionExecutions: { ...execution.exceptionExecutions },
      enqueuedAt: new Date().toISOString(),
      scheduledAt: waitMs > 0 ? new Date(runAt).toISOString() : null,
    };
    const job = { payload: retryPayload, options: definition.providerOptions };
    const { providerJobId } = await this.flow.enqueue(definition, retryPayload, execution.arguments, async () => ({
      jobId: retryPayload.jobId,
      providerJobId: waitMs > 0 ? await this.adapter.enqueueAt(job, runAt) : await this.adapter.enqueue(job),
      queueName: retryPayload.queueName,
      scheduledAt: retryPayload.scheduledAt ? new Date(retryPayload.scheduledAt) : null,
    }));
    publish('enqueueRetry', () => ({
      source: this.source,
      adapter: this.adapter.name,
      job: instrumentedJob(retryPayload, execution.arguments, providerJobId),
      logArguments: definition.logArguments,
      waitMs,
      error,
    }));
  }
}
