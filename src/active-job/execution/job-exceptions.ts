import { Logger } from '@nestjs/common';
import { DEFAULT_RETRY_ATTEMPTS } from '../active-job.constants';
import { performance } from 'node:perf_hooks';
import type { ApplicationJob } from '../application-job';
import { findHandler } from '../exceptions/exception-handlers';
import type { ExceptionHandler } from '../exceptions/exception-handler.interface';
import { retryDelayMs } from '../exceptions/retry-delay';
import { publish } from '../instrumentation/channels';
import type { JobEvent } from '../instrumentation/job-event.interface';
import type { JobDefinition } from '../job-registry';
import type { JobRun } from './job-execution';

export interface FailedRun {
  definition: JobDefinition;
  instance: ApplicationJob;
  run: JobRun;
  /** The run's own counters, updated here and carried by a retry. */
  exceptionExecutions: Record<string, number>;
  error: unknown;
  /** No backend attempt is left after this one. */
  lastAttempt: boolean;
  event: () => JobEvent;
  startedAt: number;
}

type Callable = Record<string | symbol, (...args: unknown[]) => unknown>;

/**
 * ActiveJob's Exceptions concern: the last declared handler that matches an error decides
 * (retry, discard or rescue); an error none matches fails the run.
 */
export class JobExceptions {
  private readonly logger = new Logger('ActiveJob');

  async handle(failed: FailedRun): Promise<undefined> {
    const handler = findHandler(failed.definition.exceptionHandlers, failed.error);
    if (!handler) return this.fail(failed);
    switch (handler.kind) {
      case 'retry':
        return this.retryOrStop(failed, handler);
      case 'discard':
        publish('discard', () => ({ ...failed.event(), error: failed.error }));
        await handler.handler?.(failed.instance, failed.error as Error);
        await this.afterDiscard(failed);
        return this.handled(failed);
      case 'rescue': {
        const rescue = handler.handler;
        if (typeof rescue === 'string') await (failed.instance as unknown as Callable)[rescue](failed.error);
        else await rescue(failed.instance, failed.error as Error);
        return this.handled(failed);
      }
    }
  }

  private async retryOrStop(failed: FailedRun, handler: Extract<ExceptionHandler, { kind: 'retry' }>): Promise<undefined> {
    const { attempts = DEFAULT_RETRY_ATTEMPTS, wait, jitter, queue, priority, onExhausted } = handler.options;
    const executions = (failed.exceptionExecutions[handler.key] ?? 0) + 1;
    failed.exceptionExecutions[handler.key] = executions;
    const error = failed.error as Error;
    if (attempts === 'unlimited' || executions < attempts) {
      await failed.run.retry({ wait: retryDelayMs(wait, executions, error, jitter), queue, priority }, error);
      return this.handled(failed);
    }
    publish('retryStopped', () => ({ ...failed.event(), error }));
    if (!onExhausted) return this.fail({ ...failed, lastAttempt: true });
    await onExhausted(failed.instance, error);
    await this.afterDiscard(failed);
    return this.handled(failed);
  }

  /** The run ends well from the backend's view: the handler took care of the error. */
  private handled(failed: FailedRun): undefined {
    publish('perform', () => ({ ...failed.event(), durationMs: performance.now() - failed.startedAt }));
    return undefined;
  }

  private async fail(failed: FailedRun): Promise<never> {
    publish('perform', () => ({ ...failed.event(), durationMs: performance.now() - failed.startedAt, error: failed.error }));
    if (failed.lastAttempt) await this.afterDiscard(failed);
    throw failed.error;
  }

  /** `@AfterDiscard` methods; one that throws is logged and the others still run. */
  private async afterDiscard(failed: FailedRun): Promise<void> {
    for (const method of failed.definition.afterDiscard) {
      try {
        await (failed.instance as unknown as Callable)[method](failed.error);
      } catch (error) {
        this.logger.error(`${failed.definition.name}.${String(method)} (@AfterDiscard) failed: ${(error as Error)?.message ?? error}`);
      }
    }
  }
}
