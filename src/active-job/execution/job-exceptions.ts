import { Logger } from '@nestjs/common';
import { DEFAULT_RETRY_ATTEMPTS } from '../active-job.constants';
import { performance } from 'node:perf_hooks';
import type { JobInstance } from '../interfaces/job-instance.interface';
import { findHandler } from '../exceptions/exception-handlers';
import type { ExceptionHandler } from '../exceptions/exception-handler.interface';
import { retryDelayMs } from '../exceptions/retry-delay';
import { publish } from '../instrumentation/channels';
import type { JobEvent } from '../instrumentation/job-event.interface';
import type { JobDefinition } from '../job-registry';
import type { ErrorReporter, ReportedErrorReason } from '../reporting/error-reporter.interface';
import type { JobRun } from './job-execution';
import { AFTER_DISCARD_FAILED, ERROR_REPORTER_FAILED } from '../active-job.messages';

export interface FailedRun {
  definition: JobDefinition;
  instance: JobInstance;
  run: JobRun;
  /** The run's own counters, updated here and carried by a retry. */
  exceptionExecutions: Record<string, number>;
  error: unknown;
  /** No backend attempt is left after this one. */
  lastAttempt: boolean;
  event: () => JobEvent;
  startedAt: number;
  /** The error comes from enqueueing a retry of this very run: a second such failure fails the run. */
  retryFailed?: boolean;
}

type Callable = Record<string | symbol, (...args: unknown[]) => unknown>;

/**
 * ActiveJob's Exceptions concern: the last declared handler that matches an error (or its cause)
 * decides (retry, discard or rescue); an error none matches fails the run.
 */
export class JobExceptions {
  private readonly logger = new Logger('ActiveJob');

  constructor(private readonly reporter?: ErrorReporter) {}

  async handle(failed: FailedRun): Promise<undefined> {
    const found = findHandler(failed.definition.exceptionHandlers, failed.error);
    if (!found) return this.fail(failed);
    const { handler, error } = found;
    const matched: FailedRun = { ...failed, error };
    switch (handler.kind) {
      case 'retry':
        return this.retryOrStop(matched, handler);
      case 'discard':
        publish('discard', () => ({ ...failed.event(), error }));
        await handler.handler?.(failed.instance, error);
        await this.report(matched, 'discarded', true);
        await this.afterDiscard(matched);
        return this.handled(failed);
      case 'rescue': {
        const rescue = handler.handler;
        if (typeof rescue === 'string') await (failed.instance as unknown as Callable)[rescue](error);
        else await rescue(failed.instance, error);
        return this.handled(failed);
      }
    }
  }

  private async retryOrStop(failed: FailedRun, handler: Extract<ExceptionHandler, { kind: 'retry' }>): Promise<undefined> {
    const { attempts = DEFAULT_RETRY_ATTEMPTS, wait, jitter = failed.definition.retryJitter, queue, priority, onExhausted, report } = handler.options;
    const executions = (failed.exceptionExecutions[handler.key] ?? 0) + 1;
    failed.exceptionExecutions[handler.key] = executions;
    const error = failed.error as Error;
    if (attempts === 'unlimited' || executions < attempts) {
      if (report) await this.report(failed, 'retry', true);
      try {
        await failed.run.retry({ wait: retryDelayMs(wait, executions, error, jitter), queue, priority }, error);
      } catch (enqueueError) {
        // An enqueue callback (or the backend) failed the retry: that error is the run's now, handled like any other.
        if (failed.retryFailed) return this.fail({ ...failed, error: enqueueError });
        return this.handle({ ...failed, error: enqueueError, retryFailed: true });
      }
      return this.handled(failed);
    }
    publish('retryStopped', () => ({ ...failed.event(), error }));
    if (!onExhausted) return this.fail({ ...failed, lastAttempt: true }, 'exhausted');
    await onExhausted(failed.instance, error);
    await this.report(failed, 'exhausted', true);
    await this.afterDiscard(failed);
    return this.handled(failed);
  }

  /** The run ends well from the backend's view: the handler took care of the error. */
  private handled(failed: FailedRun): undefined {
    publish('perform', () => ({ ...failed.event(), durationMs: performance.now() - failed.startedAt }));
    return undefined;
  }

  private async fail(failed: FailedRun, reason: ReportedErrorReason = 'failed'): Promise<never> {
    publish('perform', () => ({ ...failed.event(), durationMs: performance.now() - failed.startedAt, error: failed.error }));
    if (failed.lastAttempt) {
      await this.report(failed, reason, false);
      await this.afterDiscard(failed);
    }
    throw failed.error;
  }

  /**
   * `@AfterDiscard` methods, as Rails 8: every one runs, then the first error one of them threw
   * fails the run (it is logged and reported, never swallowed).
   */
  private async afterDiscard(failed: FailedRun): Promise<void> {
    let firstError: unknown;
    for (const method of failed.definition.afterDiscard) {
      try {
        await (failed.instance as unknown as Callable)[method](failed.error);
      } catch (error) {
        this.logger.error(AFTER_DISCARD_FAILED(failed.definition.name, String(method), error));
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  private async report(failed: FailedRun, reason: ReportedErrorReason, handled: boolean): Promise<void> {
    if (!this.reporter) return;
    const { job } = failed.event();
    try {
      await this.reporter.report(failed.error, {
        job: {
          jobClass: job.jobClass,
          jobId: job.jobId,
          providerJobId: job.providerJobId ?? '',
          queueName: job.queueName,
          executions: job.executions,
          arguments: job.arguments,
        },
        reason,
        handled,
      });
    } catch (error) {
      this.logger.error(ERROR_REPORTER_FAILED(job.jobClass, job.jobId, error));
    }
  }
}
