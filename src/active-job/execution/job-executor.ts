import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { JobAttempt, QueueAdapter } from '../adapters/queue-adapter.interface';
import type { ApplicationJob } from '../application-job';
import { JobTimeoutError } from '../errors/job-timeout.error';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition, JobRegistry } from '../job-registry';
import type { JobLogger } from '../logging/job-logger';
import type { Arguments } from '../serialization/arguments';
import { type JobExecution, jobExecutionStorage } from './job-execution';
import { parsePayload } from './parse-payload';

/**
 * The perform path: stored payload → job class → arguments → instance from DI → perform(),
 * logged and bounded by the job's timeout.
 */
export class JobExecutor {
  constructor(
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
    private readonly logger: JobLogger,
    private readonly adapter: QueueAdapter,
  ) {}

  /** Performs a payload as a backend stored it; rejects (and logs) when the run fails. */
  readonly perform = async (data: unknown, attempt: JobAttempt): Promise<void> => {
    const startedAt = performance.now();
    let payload: JobPayload | undefined;
    try {
      payload = parsePayload(data);
      const definition = this.registry.forName(payload.jobClass);
      const args = this.serializer.deserialize(payload.arguments);
      await this.run(definition, payload, args, attempt);
    } catch (error) {
      // Errors from perform() itself were logged by run(); these are failures before it could start.
      if (!(error instanceof PerformError)) {
        const name = payload?.jobClass ?? 'job';
        this.logger.errorPerforming(name, payload?.jobId ?? '?', this.adapter.name, attempt.queueName, performance.now() - startedAt, error);
        throw error;
      }
      throw error.cause;
    }
  };

  /** Runs a job at once in this process, without a queue (ActiveJob's `perform_now`); returns what perform returns. */
  async performNow(definition: JobDefinition, args: unknown[]): Promise<unknown> {
    const jobId = randomUUID();
    const payload: JobPayload = {
      v: 1,
      jobClass: definition.name,
      jobId,
      queueName: definition.queueName,
      priority: definition.priority,
      arguments: args,
      executions: 0,
      exceptionExecutions: {},
      enqueuedAt: new Date().toISOString(),
      scheduledAt: null,
    };
    try {
      return await this.run(definition, payload, args, { providerJobId: jobId, queueName: definition.queueName, attemptsMade: 0 });
    } catch (error) {
      throw error instanceof PerformError ? error.cause : error;
    }
  }

  private async run(definition: JobDefinition, payload: JobPayload, args: unknown[], attempt: JobAttempt): Promise<unknown> {
    const controller = new AbortController();
    const execution: JobExecution = {
      jobClass: definition.name,
      jobId: payload.jobId,
      providerJobId: attempt.providerJobId,
      queueName: payload.queueName,
      priority: payload.priority,
      arguments: args,
      executions: payload.executions + attempt.attemptsMade + 1,
      enqueuedAt: new Date(payload.enqueuedAt),
      scheduledAt: payload.scheduledAt ? new Date(payload.scheduledAt) : null,
      signal: controller.signal,
    };
    const instance: ApplicationJob = await definition.instance(execution);
    this.logger.performing(payload, args, this.adapter.name, definition.logArguments);
    const startedAt = performance.now();
    const timer = definition.timeoutMs === null ? undefined : setTimeout(() => {
      this.logger.timedOut(payload, definition.timeoutMs!);
      controller.abort(new JobTimeoutError(definition.name, definition.timeoutMs!));
    }, definition.timeoutMs);
    try {
      const result = await jobExecutionStorage.run(execution, () => instance.perform(...args));
      // A run that outlived its deadline failed, even if perform() finished afterwards.
      if (controller.signal.aborted) throw controller.signal.reason;
      this.logger.performed(payload, this.adapter.name, performance.now() - startedAt);
      return result;
    } catch (error) {
      const failure = controller.signal.aborted ? controller.signal.reason : error;
      this.logger.errorPerforming(definition.name, payload.jobId, this.adapter.name, payload.queueName, performance.now() - startedAt, failure);
      throw new PerformError(failure);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Marks an error that run() has logged already, so it is not logged twice. */
class PerformError {
  constructor(readonly cause: unknown) {}
}
