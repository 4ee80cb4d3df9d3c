import { Logger } from '@nestjs/common';
import type { ErrorReporter } from '../../active-job';

/**
 * Where the demo reports job errors that need a human: the log, one line with the job and why.
 * A production app would send them to Sentry or OpenTelemetry here instead.
 */
export class LogErrorReporter implements ErrorReporter {
  private readonly logger = new Logger('JobErrors');

  report(error: unknown, { job, reason, handled }: Parameters<ErrorReporter['report']>[1]): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const line = `${job.jobClass} (Job ID: ${job.jobId}, run ${job.executions}) ${reason}${handled ? '' : ', not handled'}: ${message}`;
    if (reason === 'retry') this.logger.warn(line);
    else this.logger.error(line);
  }
}
