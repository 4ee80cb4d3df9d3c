import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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
import { publish } from '../instrumentation/channels';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition, JobRegistry } from '../job-registry';
import type { Arguments } from '../serialization/arguments';
import { JobExceptions } from './job-exceptions';
import { type JobExecution, type JobRun, jobRunStorage, NEVER_ABORTED, type RetryRequest } from './job-execution';
import { parsePayload } from './parse-payload';
import { JobRetrier } from './job-retrier';
import type { FlowControl } from '../coordination/flow-control';
import { ownershipLostOf, runSignal, staleRunError } from './stale-run';

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
    await this.flow.perform(definition, payload, args, attempt, () => this.execute(definition, payload, args, attempt, argumentsError));
  };

  /** Runs a job at once in this process, without a queue (ActiveJob's `perform_now`); returns what perform returns. */
  performNow(definition: JobDefinition, args: unknown[], { queueName, priority }: { queueName: string; priority: number | null }): Promise<unknown> {
    const payload: JobPayload = {
      v: PAYLOAD_VERSION,
      jobClass: definition.name,
      jobId: randomUUID(),
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
    const controller = definition.timeoutMs === null ? undefined : new AbortController();
    const lost = ownershipLostOf(attempt);
    /** Why the run must stop, if it must: its job went to another worker (stale), or its deadline passed. */
    const stopped = (): unknown => lost() ?? (controller?.signal.aborted ? controller.signal.reason : undefined);
    const exceptionExecutions = { ...payload.exceptionExecutions };
    // The dates and the signal are built when first read: most runs read none of them, and an
    // AbortSignal costs microseconds on Node 20.
    let signal: AbortSignal | undefined;
    let enqueuedAt: Date | undefined;
    let scheduledAt: Date | null | undefined;
    const execution: JobExecution = {
      jobClass: definition.name,
      jobId: payload.jobId,
      providerJobId: attempt.providerJobId,
      queueName: payload.queueName,
      priority: payload.priority,
      arguments: args,
      executions: payload.executions + attempt.attemptsMade + (attempt.restarts ?? 0) + 1,
      exceptionExecutions,
      get enqueuedAt() {
        return (enqueuedAt ??= new Date(payload.enqueuedAt));
      },
      get scheduledAt() {
        if (scheduledAt === undefined) scheduledAt = payload.scheduledAt ? new Date(payload.scheduledAt) : null;
        return scheduledAt;
      },
      get signal() {
        return (signal ??= runSignal(controller?.signal ?? NEVER_ABORTED, attempt.signal));
      },
    };
    const run: JobRun = {
      execution,
      retry: (options: RetryRequest, error?: Error) => this.retrier.retry(definition, payload, execution, options, error),
      stale: () => staleRunError(lost()),
    };
    const event = () => ({
      source: this.source,
      adapter: this.adapter.name,
      job: instrumentedJob(payload, args, attempt.providerJobId, execution.executions),
      logArguments: definition.logArguments,
    });
    const resolved = definition.instance(execution);
    const instance: JobInstance = resolved instanceof Promise ? await resolved : resolved;
    return jobRunStorage.run(run, async () => {
      publish('performStart', event);
      const startedAt = performance.now();
      const timer = controller && this.armTimeout(definition, payload, controller);
      try {
        if (argumentsError !== undefined) throw argumentsError;
        const body = async () => {
          const result = await instance.perform(...args);
          // A run that outlived its deadline (or its lock) failed, even if perform() finished afterwards.
          const reason = stopped();
          if (reason !== undefined) throw reason;
          return result;
        };
        const outcome =
          definition.performCallbacks === NO_CALLBACKS
            ? { ran: true as const, result: await body() }
            : await runCallbackChain(instance, definition.performCallbacks, body);
        publish('perform', () => Object.assign(event(), { durationMs: performance.now() - startedAt, aborted: !outcome.ran }));
        return outcome.ran ? outcome.result : undefined;
      } catch (thrown) {
        const error = stopped() ?? thrown;
        const stale = staleRunError(error);
        if (stale) {
          // Another worker may own the job now: no exception handler runs (no retry, no discard callbacks).
          publish('perform', () => ({ ...event(), durationMs: performance.now() - startedAt, error: stale }));
          throw stale;
        }
        const lastAttempt = attempt.attemptsMade + 1 >= definition.providerOptions.attempts;
        return this.exceptions.handle({ definition, instance, run, exceptionExecutions, error, lastAttempt, event, startedAt });
      } finally {
        clearTimeout(timer);
      }
    });
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
