import { Logger } from '@nestjs/common';
import { inspect } from 'node:util';
import type { JobPayload } from '../interfaces/job-payload.interface';

const INSPECT_OPTIONS = { depth: 4, breakLength: Infinity, maxArrayLength: 20, maxStringLength: 200 } as const;

function where(adapterName: string, queueName: string): string {
  return `${adapterName}(${queueName})`;
}

function withArguments(args: readonly unknown[], logArguments: boolean): string {
  if (!logArguments || args.length === 0) return '';
  return ` with arguments: ${args.map((arg) => inspect(arg, INSPECT_OPTIONS)).join(', ')}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name} (${error.message})` : String(error);
}

/** ActiveJob's log lines, through Nest's Logger under the `ActiveJob` context. */
export class JobLogger {
  private readonly logger = new Logger('ActiveJob');

  enqueued(payload: JobPayload, args: readonly unknown[], adapterName: string, logArguments: boolean): void {
    const at = payload.scheduledAt ? ` at ${payload.scheduledAt}` : '';
    this.logger.log(
      `Enqueued ${payload.jobClass} (Job ID: ${payload.jobId}) to ${where(adapterName, payload.queueName)}${at}` +
        withArguments(args, logArguments),
    );
  }

  enqueuedAll(count: number, jobClass: string, adapterName: string, queueName: string): void {
    this.logger.log(`Enqueued ${count} ${jobClass} jobs to ${where(adapterName, queueName)}`);
  }

  enqueueFailed(jobClass: string, adapterName: string, queueName: string, error: unknown): void {
    this.logger.error(`Failed enqueuing ${jobClass} to ${where(adapterName, queueName)}: ${describeError(error)}`);
  }

  performing(payload: JobPayload, args: readonly unknown[], adapterName: string, logArguments: boolean): void {
    this.logger.log(
      `Performing ${payload.jobClass} (Job ID: ${payload.jobId}) from ${where(adapterName, payload.queueName)} ` +
        `enqueued at ${payload.enqueuedAt}${withArguments(args, logArguments)}`,
    );
  }

  performed(payload: JobPayload, adapterName: string, durationMs: number): void {
    this.logger.log(
      `Performed ${payload.jobClass} (Job ID: ${payload.jobId}) from ${where(adapterName, payload.queueName)} in ${durationMs.toFixed(1)}ms`,
    );
  }

  errorPerforming(jobClass: string, jobId: string, adapterName: string, queueName: string, durationMs: number, error: unknown): void {
    this.logger.error(
      `Error performing ${jobClass} (Job ID: ${jobId}) from ${where(adapterName, queueName)} in ${durationMs.toFixed(1)}ms: ${describeError(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
  }

  timedOut(payload: JobPayload, timeoutMs: number): void {
    this.logger.warn(
      `${payload.jobClass} (Job ID: ${payload.jobId}) passed its timeout of ${timeoutMs} ms; its signal is aborted and ` +
        'the run fails once perform() stops (perform should honour this.signal)',
    );
  }
}
