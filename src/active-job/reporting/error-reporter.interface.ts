/** Why an error is reported. */
export type ReportedErrorReason =
  /** The job failed on its last attempt with no handler for the error. */
  | 'failed'
  /** A `@RetryOn` handler ran out of attempts. */
  | 'exhausted'
  /** `@DiscardOn` (or a `@RetryOn` whose `onExhausted` discards) dropped the job. */
  | 'discarded'
  /** A retry of a `@RetryOn(X, { report: true })` handler, reported on each retry (Rails 8's `report:`). */
  | 'retry';

/** The job an error is reported for. */
export interface ReportedJob {
  jobClass: string;
  jobId: string;
  providerJobId: string;
  queueName: string;
  executions: number;
  arguments: readonly unknown[];
}

/**
 * Receives the errors of jobs that failed for good, were discarded, or retry with `report: true`:
 * the place to plug Sentry, OpenTelemetry or your alerting in (Rails' `ActiveSupport.error_reporter`).
 * A reporter that throws is logged and never changes the job's outcome.
 *
 * @example
 * ActiveJobModule.forRootAsync({
 *   inject: [SentryService],
 *   useFactory: (sentry: SentryService) => ({
 *     connection: process.env.REDIS_URL,
 *     errorReporter: { report: (error, { job, reason }) => sentry.captureException(error, { tags: { job: job.jobClass, reason } }) },
 *   }),
 * });
 * @publicApi
 */
export interface ErrorReporter {
  report(error: unknown, context: { job: ReportedJob; reason: ReportedErrorReason; handled: boolean }): void | Promise<void>;
}
