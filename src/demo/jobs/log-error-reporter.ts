import { Logger } from '@nestjs/common';
import type { ErrorReporter } from '../../active-job';

/**
 * Where the demo reports job errors that need a human: the log, one line with the job and why.
 * A production app would send them to Sentry or OpenTelemetry here instead.
 */
/** An error message can quote whatever a job was given (a 300 KiB id): one log line stays readable. */
const MESSAGE_LIMIT = 1_024;

export class LogErrorReporter implements ErrorReporter {
  private readonly logger = new Logger('JobErrors');

  report(error: unknown, { job, reason, handled }: Parameters<ErrorReporter['report']>[1]): void {
    const full = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const message = full.length > MESSAGE_LIMIT ? `${full.slice(0, MESSAGE_LIMIT)}... [truncated: ${full.length} characters in all]` : full;
    const line = `${job.jobClass} (Job ID: ${job.jobId}, run ${job.executions}) ${reason}${handled ? '' : ', not handled'}: ${message}`;
    if (reason === 'retry') this.logger.warn(line);
    else this.logger.error(line);
  }
}
