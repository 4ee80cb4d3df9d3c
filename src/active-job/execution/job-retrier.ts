import { instrumentedJob } from '../instrumentation/instrumented-job';
import { publish } from '../instrumentation/channels';
import type { JobEnqueuer } from '../enqueuing/job-enqueuer';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition } from '../job-registry';
import { checkPriority } from '../validation/option-checks';
import { toMilliseconds } from '../utils/duration';
import type { JobExecution, RetryRequest } from './job-execution';
import { refuseStaleRun } from './stale-run';

/**
 * Enqueues a job again, as ActiveJob's `retry_job` calls `enqueue`: same id, executions so far,
 * through the same path as `performLater` (enqueue callbacks, events, log lines); the backend
 * does the waiting.
 */
export class JobRetrier {
  constructor(
    private readonly enqueuer: JobEnqueuer,
    private readonly adapterName: string,
    private readonly source: object,
  ) {}

  async retry(definition: JobDefinition, payload: JobPayload, execution: JobExecution, options: RetryRequest, error?: Error): Promise<void> {
    refuseStaleRun();
    const waitMs = options.wait === undefined ? 0 : toMilliseconds(options.wait, 'retryJob() wait');
    const runAt = waitMs > 0 ? Date.now() + waitMs : null;
    const retryPayload: JobPayload = {
      ...payload,
      queueName: options.queue === undefined ? payload.queueName : definition.queueNamed(options.queue, 'retry queue'),
      priority: options.priority === undefined ? payload.priority : checkPriority(options.priority, 'retry priority'),
      executions: options.uncounted ? execution.executions - 1 : execution.executions,
      exceptionExecutions: { ...execution.exceptionExecutions },
      enqueuedAt: new Date().toISOString(),
      scheduledAt: runAt === null ? null : new Date(runAt).toISOString(),
    };
    const { providerJobId } = await this.enqueuer.enqueuePayload(definition, retryPayload, execution.arguments, runAt, true);
    publish('enqueueRetry', () => ({
      source: this.source,
      adapter: this.adapterName,
      job: instrumentedJob(retryPayload, execution.arguments, providerJobId),
      logArguments: definition.logArguments,
      waitMs,
      error,
    }));
  }
}
