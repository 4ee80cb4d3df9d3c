import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { PAYLOAD_VERSION } from '../active-job.constants';
import type { JobAttempt } from '../adapters/consuming-adapter.interface';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import type { JobEnqueuer } from '../enqueuing/job-enqueuer';
import type { ErrorReporter } from '../reporting/error-reporter.interface';
import type { JobInstance } from '../interfaces/job-instance.interface';
import { NO_CALLBACKS, runCallbackChain } from '../callbacks/callback-chain';
import { JobTimeoutError } from '../errors/job-timeout.error';
import { instrumentedJob } from '../instrumentation/instrumented-job';
import { emit, listened, publish } from '../instrumentation/channels';
import type { JobEvent } from '../instrumentation/job-event.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition, JobRegistry } from '../job-registry';
import type { Arguments } from '../serialization/arguments';
import { JobExceptions } from './job-exceptions';
import { jobRunStorage } from './job-execution';
import { ExecutorRun, RunExecution } from './job-run';
import { parsePayload } from './parse-payload';
import { JobRetrier } from './job-retrier';
import type { FlowControl } from '../coordination/flow-control';
import { staleRunError } from './stale-run';
import { newJobId } from '../utils/job-id';

/**
 * The perform path: stored payload → job class → arguments → instance from DI → callbacks →
 * perform(), bounded by the job's timeout; errors go to the job's exception handlers.
 */
export class JobExecutor {
  private readonly logger = new Logger('ActiveJob');
  private readonly exceptions: JobExceptions;
  private readonly retrier: JobRetrier;

  constructor(
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
    private readonly adapter: QueueAdapter,
    /** Identifies this application in instrumentation events. */
    private readonly source: object,
    /** Unique jobs and concurrency limits around queued runs. */
    private readonly flow: FlowControl,
    enqueuer: JobEnqueuer,
    reporter?: ErrorReporter,
  ) {
    this.retrier = new JobRetrier(enqueuer, adapter.name, source);
    this.exceptions = new JobExceptions(reporter);
  }

  /** Performs a payload as a backend stored it; rejects when the run fails. */
  readonly perform = async (data: unknown, attempt: JobAttempt): Promise<void> => {
    let payload: JobPayload | undefined;
    let args: unknown[];
    let definition: JobDefinition;
    try {
      payload = parsePayload(data);
      definition = this.registry.forName(payload.jobClass);
    } catch (error) {
      // A payload nobody can read fails at once: no handler of any class can know what it was.
      this.publishUnreadable(payload, attempt, error);
      throw error;
    }
    let argumentsError: unknown;
    try {
      args = this.serializer.deserialize(payload.arguments);
    } catch (error) {
      // Arguments that no longer deserialize (a record deleted since the enqueue) fail the run the
      // job's own handlers see, as Rails' DeserializationError: @DiscardOn(DeserializationError) works.
      argumentsError = error;
      args = [];
    }
    // Only unique and concurrency-limited jobs go through flow control: the others skip its closure.
    if (!definition.unique && !definition.concurrency) await this.execute(definition, payload, args, attempt, argumentsError);
    else await this.flow.perform(definition, payload, args, attempt, () => this.execute(definition, payload, args, attempt, argumentsError));
  };

  /** Runs a job at once in this process, without a queue (ActiveJob's `perform_now`); returns what perform returns. */
  performNow(definition: JobDefinition, args: unknown[], { queueName, priority }: { queueName: string; priority: number | null }): Promise<unknown> {
    const payload: JobPayload = {
      v: PAYLOAD_VERSION,
      jobClass: definition.name,
      jobId: newJobId(),
      queueName,
      priority,
      arguments: this.serializer.serialize(args),
      executions: 0,
      exceptionExecutions: {},
      enqueuedAt: new Date().toISOString(),
      scheduledAt: null,
    };
    return this.execute(definition, payload, args, { providerJobId: payload.jobId, queueName: payload.queueName, attemptsMade: 0 });
  }

  private async execute(definition: JobDefinition, payload: JobPayload, args: unknown[], attempt: JobAttempt, argumentsError?: unknown): Promise<unknown> {
    // Only a job with a timeout can time out; the others share a signal that never fires.
    const timeout = definition.timeoutMs === null ? undefined : new AbortController();
    const execution = new RunExecution(definition.name, payload, args, attempt, timeout);
    const run = new ExecutorRun(execution, attempt, this.retrier, definition, payload);
    const resolved = definition.instance(execution);
    const instance: JobInstance = resolved instanceof Promise ? await resolved : resolved;
    return jobRunStorage.run(run, this.runInContext, definition, payload, attempt, instance, run, argumentsError);
  }

  /** A run inside its async context: callbacks, perform, events, exception handlers. Built once, not a closure per job. */
  private readonly runInContext = async (
    definition: JobDefinition,
    payload: JobPayload,
    attempt: JobAttempt,
    instance: JobInstance,
    run: ExecutorRun,
    argumentsError: unknown,
  ): Promise<unknown> => {
    const execution = run.execution;
    if (listened('performStart')) emit('performStart', this.event(definition, payload, execution));
    const startedAt = performance.now();
    const timer = execution.timeout && this.armTimeout(definition, payload, execution.timeout);
    try {
      if (argumentsError !== undefined) throw argumentsError;
      let ran = true;
      let result: unknown;
      if (definition.performCallbacks === NO_CALLBACKS) result = await performOnce(instance, execution);
      else {
        const outcome = await runCallbackChain(instance, definition.performCallbacks, () => performOnce(instance, execution));
        ran = outcome.ran;
        result = outcome.ran ? outcome.result : undefined;
      }
      const durationMs = performance.now() - startedAt;
      // A run a callback halted is a problem, which listeners of problems alone hear of too.
      if (!ran) publish('perform', () => ({ ...this.event(definition, payload, execution), durationMs, aborted: true }));
      else if (listened('perform')) emit('perform', { ...this.event(definition, payload, execution), durationMs, aborted: false });
      return result;
    } catch (thrown) {
      const error = execution.stopReason() ?? thrown;
      const event = () => this.event(definition, payload, execution);
      const stale = staleRunError(error);
      if (stale) {
        // Another worker may own the job now: no exception handler runs (no retry, no discard callbacks).
        publish('perform', () => ({ ...event(), durationMs: performance.now() - startedAt, error: stale }));
        throw stale;
      }
      const lastAttempt = attempt.attemptsMade + 1 >= definition.providerOptions.attempts;
      return this.exceptions.handle({ definition, instance, run, exceptionExecutions: execution.exceptionExecutions, error, lastAttempt, event, startedAt });
    } finally {
      clearTimeout(timer);
    }
  };

  private event(definition: JobDefinition, payload: JobPayload, execution: RunExecution): JobEvent {
    return {
      source: this.source,
      adapter: this.adapter.name,
      job: instrumentedJob(payload, execution.arguments, execution.providerJobId, execution.executions),
      logArguments: definition.logArguments,
    };
  }

  private armTimeout(definition: JobDefinition, payload: JobPayload, controller: AbortController): NodeJS.Timeout {
    const timeoutMs = definition.timeoutMs!;
    return setTimeout(() => {
      this.logger.warn(
        `${payload.jobClass} (Job ID: ${payload.jobId}) passed its timeout of ${timeoutMs} ms; its signal is aborted and ` +
          'the run fails once perform() stops (perform should honour this.signal)',
      );
      controller.abort(new JobTimeoutError(definition.name, timeoutMs));
    }, timeoutMs);
  }

  /** A payload that could not be read still gets its `perform` event, so the failure is logged with what is known. */
  private publishUnreadable(payload: JobPayload | undefined, attempt: JobAttempt, error: unknown): void {
    publish('perform', () => ({
      source: this.source,
      adapter: this.adapter.name,
      job: {
        jobClass: payload?.jobClass ?? 'job',
        jobId: payload?.jobId ?? '?',
        providerJobId: attempt.providerJobId,
        queueName: attempt.queueName,
        priority: payload?.priority ?? null,
        arguments: [],
        executions: (payload?.executions ?? 0) + attempt.attemptsMade + 1,
        enqueuedAt: payload?.enqueuedAt ?? null,
        scheduledAt: payload?.scheduledAt ?? null,
      },
      logArguments: false,
      durationMs: 0,
      error,
    }));
  }
}

/** Performs the job; a run that outlived its deadline (or its lock) failed, even if perform() finished afterwards. */
async function performOnce(instance: JobInstance, execution: RunExecution): Promise<unknown> {
  const result = await instance.perform(...execution.arguments);
  const reason = execution.stopReason();
  if (reason !== undefined) throw reason;
  return result;
}
