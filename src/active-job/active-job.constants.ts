/** Injection token of the resolved module options. */
export const ACTIVE_JOB_MODULE_OPTIONS = 'active-job:module-options';
/** Injection token of the queue adapter the module runs on. */
export const QUEUE_ADAPTER = 'active-job:queue-adapter';

export const JOB_METADATA = 'active-job:job';
export const PROCESSOR_METADATA = 'active-job:processor';

/** Version written into every payload; a worker refuses versions it does not know. */
export const PAYLOAD_VERSION = 1;
/** Reserved key that tags a serialized non-JSON argument, as ActiveJob's `_aj_serialized`. */
export const SERIALIZED_KEY = '_aj_serialized';

export const DEFAULT_QUEUE_NAME = 'default';
export const DEFAULT_PREFIX = 'bull';
export const DEFAULT_ENQUEUE_TIMEOUT_MS = 5_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 512 * 1024;
export const DEFAULT_CONCURRENCY = 1;
/** Bull's addBulk runs one MULTI; chunks keep a huge batch from blocking Redis. */
export const BULK_CHUNK_SIZE = 1_000;
/** Bounded retention: Bull keeps finished jobs forever unless told otherwise. */
export const DEFAULT_REMOVE_ON_COMPLETE = { count: 1_000, age: '1d' };
export const DEFAULT_REMOVE_ON_FAIL = { count: 5_000, age: '7d' };
/** Injection token of the options with defaults filled in. */
export const ACTIVE_JOB_RESOLVED_OPTIONS = 'active-job:resolved-options';
export const EXCEPTION_HANDLERS_METADATA = 'active-job:exception-handlers';
export const CALLBACKS_METADATA = 'active-job:callbacks';
/** ActiveJob's `retry_on` defaults: 3 s between 5 attempts, 15% jitter. */
export const DEFAULT_RETRY_WAIT_MS = 3_000;
export const DEFAULT_RETRY_ATTEMPTS = 5;
export const DEFAULT_RETRY_JITTER = 0.15;
/** Failures' stacks Bull keeps per job, and lines kept of each, so a deep stack cannot bloat Redis. */
export const STACK_TRACE_LIMIT = 10;
export const STACK_LINES_LIMIT = 30;
/** Injection token of the object that identifies this application in instrumentation events. */
export const INSTRUMENTATION_SOURCE = 'active-job:instrumentation-source';
/** Recurring schedules declared on a job class with @Recurring(). */
export const RECURRING_METADATA = 'active-job:recurring';
