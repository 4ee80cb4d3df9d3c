import { Logger, type LoggerService, type LogLevel, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { LogLines } from '../interfaces/active-job-module-options.interface';
import { inspect } from 'node:util';
import { subscribe } from '../instrumentation/channels';
import { boundedText, LOGGED_TEXT_LIMIT } from './bounded-text';
import { DeferredLines } from './deferred-lines';
import type { EnqueueAllEvent, JobEvent } from '../instrumentation/job-event.interface';

const INSPECT_OPTIONS = { depth: 4, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 } as const;

function where(event: { adapter: string; job: { queueName: string } }): string {
  return `${event.adapter}(${event.job.queueName})`;
}

function job(event: JobEvent): string {
  return `${event.job.jobClass} (Job ID: ${event.job.jobId})`;
}

/** As util.inspect, with a shortcut for the ids and numbers most jobs take. */
function formatArgument(arg: unknown): string {
  if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
  return inspect(arg, INSPECT_OPTIONS);
}

function withArguments(event: JobEvent): string {
  const args = event.job.arguments;
  if (!event.logArguments || args.length === 0) return '';
  return ` with arguments: ${boundedText(args.map(formatArgument).join(', '))}`;
}

function describeError(error: unknown): string {
  return boundedText(error instanceof Error ? `${error.name} (${error.message})` : String(error));
}

/** The stack's first line repeats the message, which can quote a huge argument. */
function boundedStack(error: unknown): string | undefined {
  return error instanceof Error && error.stack ? boundedText(error.stack, LOGGED_TEXT_LIMIT * 4) : undefined;
}

function duration(event: JobEvent): string {
  return `${(event.durationMs ?? 0).toFixed(1)}ms`;
}

function hasError(event: object): boolean {
  return 'error' in event && (event as { error?: unknown }).error !== undefined;
}

/**
 * ActiveJob's log lines, written through Nest's Logger (context `ActiveJob`) as one subscriber of
 * the `active_job.*` diagnostics channels. It logs only the events of its own application. With
 * `logLines: 'failures'` it writes no line for a job that went well, and does not even listen for
 * `Performing`. A line about a problem is written before the event's publisher goes on, so it is out
 * before the next job starts and survives a crash that follows it.
 */
export class JobLogger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ActiveJob');
  private readonly lines = new DeferredLines(this.logger);
  private readonly successLines: boolean;
  private unsubscribers: (() => void)[] = [];

  constructor(
    private readonly source: object,
    logLines: LogLines = 'all',
  ) {
    this.successLines = logLines === 'all';
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  start(): void {
    if (this.unsubscribers.length) return;
    // Formatting costs more than the rest of an enqueue: skip it for other apps' events and when Nest's 'log' level is off.
    const own =
      <E extends { source: object }>(write: (event: E) => void) =>
      (event: E) => {
        if (event.source === this.source && (this.logEnabled() || hasError(event))) write(event);
      };
    // With logLines 'failures' an enqueue or a run that went well has no line: the logger then hears only of
    // problems, and a job that went well builds no event for it.
    const outcomes = { problemsOnly: !this.successLines };
    this.unsubscribers = [
      subscribe(
        'enqueue',
        own((event: JobEvent) => this.enqueued(event)),
        outcomes,
      ),
      subscribe(
        'enqueueAt',
        own((event: JobEvent) => this.enqueued(event)),
        outcomes,
      ),
      subscribe(
        'enqueueAll',
        own((event: EnqueueAllEvent) => this.enqueuedAll(event)),
        outcomes,
      ),
      subscribe(
        'perform',
        own((event: JobEvent) => this.performed(event)),
        outcomes,
      ),
      subscribe(
        'enqueueRetry',
        own((event: JobEvent) => this.retrying(event)),
      ),
      subscribe(
        'retryStopped',
        own((event: JobEvent) =>
          this.lines.error(`Stopped retrying ${job(event)} due to a ${describeError(event.error)}, which reoccurred on ${event.job.executions} attempts.`),
        ),
      ),
      subscribe(
        'discard',
        own((event: JobEvent) => this.lines.error(`Discarded ${job(event)} due to a ${describeError(event.error)}.`)),
      ),
    ];
    if (this.successLines) {
      this.unsubscribers.push(
        subscribe(
          'performStart',
          own((event: JobEvent) => this.lines.log(`Performing ${job(event)} from ${where(event)} enqueued at ${event.job.enqueuedAt}${withArguments(event)}`)),
        ),
      );
    }
  }

  /**
   * Whether Nest would print a 'log' line: no logger (`logger: false`) or levels without 'log'
   * mean no. (Nest's static Logger.isLevelEnabled only knows levels set as an array.)
   */
  private logEnabled(): boolean {
    const target = this.logger.localInstance as LoggerService & { isLevelEnabled?(level: LogLevel): boolean };
    if (!target) return false;
    return typeof target.isLevelEnabled === 'function' ? target.isLevelEnabled('log') : true;
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.lines.flush();
  }

  private enqueued(event: JobEvent): void {
    if (event.error) {
      this.lines.error(`Failed enqueuing ${event.job.jobClass} to ${where(event)}: ${describeError(event.error)}`);
    } else if (event.aborted) {
      this.lines.logNow(`Failed enqueuing ${event.job.jobClass} to ${where(event)}, a before- or around-enqueue callback halted the enqueuing process.`);
    } else if (this.successLines) {
      const at = event.job.scheduledAt ? ` at ${event.job.scheduledAt}` : '';
      this.lines.log(`Enqueued ${job(event)} to ${where(event)}${at}${withArguments(event)}`);
    }
  }

  private enqueuedAll(event: EnqueueAllEvent): void {
    const to = `${event.adapter}(${event.queueName})`;
    if (event.enqueuedCount && this.successLines) this.lines.log(`Enqueued ${event.enqueuedCount} ${event.jobClass} jobs to ${to}`);
    if (event.failedCount) this.lines.error(`Failed enqueuing ${event.failedCount} ${event.jobClass} jobs to ${to}: ${describeError(event.error)}`);
  }

  private performed(event: JobEvent): void {
    if (event.error) {
      this.lines.error(`Error performing ${job(event)} from ${where(event)} in ${duration(event)}: ${describeError(event.error)}`, boundedStack(event.error));
    } else if (event.aborted) {
      this.lines.error(
        `Error performing ${job(event)} from ${where(event)} in ${duration(event)}: a before- or around-perform callback halted the job execution`,
      );
    } else if (this.successLines) {
      this.lines.log(`Performed ${job(event)} from ${where(event)} in ${duration(event)}`);
    }
  }

  private retrying(event: JobEvent): void {
    const seconds = Math.round((event.waitMs ?? 0) / 1000);
    const cause = event.error ? `, due to a ${describeError(event.error)}` : '';
    this.lines.logNow(`Retrying ${job(event)} after ${event.job.executions} attempts in ${seconds} seconds${cause}.`);
  }
}
