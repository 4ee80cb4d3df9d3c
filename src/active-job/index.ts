export { ActiveJobModule, type ForFeatureOptions } from './active-job.module';
export { QUEUE_ADAPTER } from './active-job.constants';
export { ApplicationJob } from './application-job';
export * from './decorators';
export type { ConfiguredJob } from './enqueuing/configured-job';
export type { JobCall } from './enqueuing/job-call';
export { throwAbort } from './callbacks/throw-abort';
export type { ErrorReporter, ReportedErrorReason, ReportedJob } from './reporting/error-reporter.interface';
export { JobQueue } from './enqueuing/job-queue.service';
export { FailedJobs } from './failed-jobs/failed-jobs.service';
export type { FailedJob, FailedJobsFilter } from './failed-jobs/failed-job.interface';
export * from './errors';
export { QueueControl } from './pausing/queue-control.service';
export type { QueueState } from './pausing/queue-state.interface';
export { Recurring } from './recurring/recurring.decorator';
export { RecurringTasks } from './recurring/recurring-tasks.service';
export type { RecurringOptions, RecurringSchedule, RecurringTaskOptions, RecurringTaskState } from './recurring/recurring-options.interface';
export type { UniqueOptions, UniqueUntil } from './uniqueness/unique-options.interface';
export type { ConcurrencyLimitOptions } from './concurrency/concurrency-options.interface';
export type { JobExecution, RetryJobOptions } from './execution/job-execution';
export type { ErrorClass, RetryOnOptions, RetryWait } from './exceptions/exception-handler.interface';
export { JOB_CHANNEL_NAMES } from './instrumentation/channels';
export type { EnqueueAllEvent, InstrumentedJob, JobEvent } from './instrumentation/job-event.interface';
export type {
  ActiveJobModuleAsyncOptions,
  ActiveJobModuleOptions,
  ActiveJobOptionsFactory,
  AdapterName,
  DefaultJobOptions,
  LogLines,
  WorkerOptions,
} from './interfaces/active-job-module-options.interface';
export type { Duration } from './interfaces/duration.type';
export type { RedisClusterConnection, RedisConnection } from './interfaces/redis-connection.interface';
export type { EnqueuedJob } from './interfaces/enqueued-job.interface';
export type { Backoff, JobOptions, KeepJobs } from './interfaces/job-options.interface';
export type { JobPayload } from './interfaces/job-payload.interface';
export type { JobArguments, JobResult, JobType } from './interfaces/job-type.interface';
export type { ProcessorOptions } from './interfaces/processor-options.interface';
export type { SetOptions } from './interfaces/set-options.interface';
export type { AdapterJob, EnqueueAllJob, EnqueueAllResult, ProviderJobOptions, QueueAdapter } from './adapters/queue-adapter.interface';
export type { ConsumeOptions, ConsumingAdapter, JobAttempt, JobPerformer } from './adapters/consuming-adapter.interface';
export type { ArgumentSerializer } from './serialization/argument-serializer.interface';
export * from './transactions';
