// User-facing messages of the core, as functions, in one place (as @nestjs/schedule keeps its messages):
// each names the option or class at fault and what would work instead.
import { errorText } from './utils/error-text';

export const DUPLICATE_JOB_NAME = (name: string) => `Two different job classes are named ${name}; payloads name their class, so job class names must be unique`;

export const NO_PERFORM_METHOD = (name: string) => `${name} has no perform() method; a job class extends ApplicationJob and defines perform(...args)`;

export const JOB_NOT_REGISTERED = (name: string) =>
  `${name} is not a registered job: add it to ActiveJobModule.forFeature([${name}]) and make sure it extends ApplicationJob`;

export const JOB_NOT_BOUND = (name: string) =>
  `${name} is not bound to a running application: register it with ActiveJobModule.forFeature([${name}]) ` +
  'and initialize the app (app.init() or app.listen()) before enqueueing, or inject JobQueue';

export const NOT_A_JOB_CLASS = (what: string) => `ActiveJobModule.forFeature() takes job classes that extend ApplicationJob, got ${what}`;

export const FOR_ROOT_ASYNC_NEEDS_FACTORY = () => 'ActiveJobModule.forRootAsync() needs useFactory, useClass or useExisting';

export const BAD_QUEUE_NAME_PREFIX = (at: string, prefix: unknown) =>
  `${at}: queueNamePrefix must be a string without ':' or null, got ${JSON.stringify(prefix)}`;

/** `what` names the options, e.g. 'ActiveJobModule option', 'MailerModule option', 'transactions.relay option'. */
export const UNKNOWN_OPTION = (what: string, option: string, known: readonly string[]) => `Unknown ${what} "${option}"; known options are ${known.join(', ')}`;

export const WAIT_AND_WAIT_UNTIL = () => 'set() takes wait or waitUntil, not both';

export const BAD_WAIT_UNTIL = (value: unknown) => `set() waitUntil must be a valid Date or epoch milliseconds, got ${String(value)}`;

export const BAD_PERFORM_ALL_LATER = () => 'performAllLater takes a job class and argument lists, or jobs made with Job.with(...args)';

export const BAD_ARGUMENT_LISTS = (name: string) => `performAllLater takes an array of argument lists, e.g. [[1], [2]] for ${name}`;

export const RETRY_OUTSIDE_PERFORM = () => 'retryJob() works only while the job performs, not in enqueue callbacks';

export const RUN_DETAILS_OUTSIDE_RUN = (name: string) => `${name}: job details are only available while the job runs or is being enqueued`;

export const PROCESSOR_DECLARED_TWICE = (at: string, queue: string, first: string) =>
  `${at}: queue "${queue}" already has a @Processor, on ${first}. One @Processor sets the concurrency and limiter of every job class ` +
  `on its queue (MailDeliveryJob included on the mailers queue): keep one of the two, or move one class's jobs to a queue of its own`;

export const NEEDS_BULL = (feature: string, adapter: string) =>
  `${feature} needs the bull adapter, whose state lives in Redis; this application uses ${adapter}`;

export const NOT_ERROR_CLASSES = (decorator: string) => `${decorator} takes one or more error classes, e.g. ${decorator}(SmtpConnectionError)`;

export const RESCUE_METHOD_MISSING = (name: string, method: string) => `@RescueFrom on ${name}: ${name} has no method "${method}"`;

export const CLUSTER_WITHOUT_NODES = () => 'connection.cluster must list at least one node of the Redis Cluster, e.g. [{ host: "redis-1", port: 6379 }]';

export const PREFIX_WITHOUT_HASH_TAG = (prefix: string, tagged: string) =>
  `prefix "${prefix}" has no hash tag, but connection is a Redis Cluster: Bull's scripts use several keys of a queue at once, ` +
  `which a cluster allows only when they share a hash slot. Write prefix: '${tagged}' so every queue key is hashed by "${tagged.slice(1, -1)}".`;

export const SENTINELS_EMPTY = () => 'connection.sentinels must list at least one sentinel, e.g. [{ host: "sentinel-1", port: 26379 }]';

export const SENTINELS_WITHOUT_NAME = () => "connection.sentinels needs connection.name: the name the sentinels monitor the master by, e.g. name: 'mymaster'";

// Module options (ActiveJobModule.forRoot) and the checks every option shares; `name` is the option at fault.

export const UNKNOWN_ADAPTER = (adapter: string, known: readonly string[]) =>
  `Unknown adapter "${adapter}": use one of ${known.join(', ')} or an adapter instance`;

export const IN_MEMORY_IN_PRODUCTION = () =>
  'NODE_ENV is production but ActiveJobModule has neither an adapter nor a connection, so jobs would live only in memory ' +
  "and be lost on restart. Set connection (a Redis URL) for the bull adapter, or adapter: 'async' to accept that.";

export const BAD_QUEUE_NAME_DELIMITER = (delimiter: unknown) => `queueNameDelimiter must be a non-empty string without ':', got ${JSON.stringify(delimiter)}`;

export const BAD_ERROR_REPORTER = () =>
  'errorReporter must be an object with a report(error, context) method, e.g. a Nest provider injected through forRootAsync';

export const BAD_LOG_LINES = (value: unknown) => `logLines must be 'all' or 'failures', got ${JSON.stringify(value)}`;

export const RECURRING_NOT_A_LIST = (recurring: unknown) => `ActiveJobModule option recurring must be an array of tasks, got ${JSON.stringify(recurring)}`;

export const NOT_A_POSITIVE_INTEGER = (name: string, value: unknown) => `${name} must be a whole number of at least 1, got ${JSON.stringify(value)}`;

export const PRIORITY_TOO_LOW = (name: string, max: number, value: number) => `${name} must be at most ${max} (Bull's lowest priority), got ${value}`;

export const BAD_QUEUE_NAME = (name: string, queue: unknown) => `${name} must be a non-empty queue name without ':', got ${JSON.stringify(queue)}`;

export const BAD_JITTER = (name: string, jitter: unknown) => `${name} must be a number of at least 0, got ${JSON.stringify(jitter)}`;

export const BAD_BACKOFF_TYPE = (name: string, type: unknown) => `${name}.type must be 'fixed' or 'exponential', got ${JSON.stringify(type)}`;

/** `got` is the value as the message shows it. */
export const BAD_KEEP_JOBS = (name: string, got: string) => `${name} must be true, false, a whole number of jobs to keep, or { count, age }, got ${got}`;

export const BAD_KEEP_COUNT = (name: string, count: unknown) => `${name}.count must be a whole number, got ${JSON.stringify(count)}`;

export const NEGATIVE_MILLISECONDS = (name: string, value: number) => `${name} must be a non-negative number of milliseconds, got ${value}`;

export const BAD_DURATION = (name: string, value: unknown) =>
  `${name} must be milliseconds or a string such as '30s', '10m', '2h' (units ms, s, m, h, d, w), got ${JSON.stringify(value)}`;

export const BAD_RETRY_WAIT = (delay: number) => `@RetryOn wait function returned ${delay}; it must return milliseconds (>= 0)`;

// Payloads a worker reads: what is wrong with one that it refuses.

/** `reason` is JSON.parse's own message. */
export const PAYLOAD_NOT_JSON = (reason: string) => `Job payload is not valid JSON: ${reason}`;

export const PAYLOAD_VERSION_UNSUPPORTED = (version: unknown, readable: readonly number[]) =>
  `Job payload version ${JSON.stringify(version)} is not supported (this worker reads versions ${readable.join(' and ')})`;

export const PAYLOAD_NOT_AN_OBJECT = (got: string) => `Job payload must be an object, got ${got}`;

/** `expected` completes "must be", e.g. 'a non-empty string'. */
export const BAD_PAYLOAD_FIELD = (field: string, expected: string) => `Job payload field "${field}" must be ${expected}`;

export const BAD_SERIALIZER = () => 'Each serializer needs a key, canSerialize, serialize and deserialize';

export const SERIALIZER_KEY_TAKEN = (key: string) => `Two serializers share the key "${key}"`;

export const ARGUMENTS_NOT_AN_ARRAY = () => 'Payload arguments must be an array';

export const ARGUMENT_TOO_DEEP = (path: string, maxDepth: number) => `Cannot deserialize ${path}: it is nested more than ${maxDepth} levels deep`;

export const NO_SERIALIZER_FOR = (path: string, key: string) => `Cannot deserialize ${path}: no serializer for type ${key} is registered on this worker`;

export const SERIALIZER_FAILED = (path: string, key: string, reason: string) => `Cannot deserialize ${path} as ${key}: ${reason}`;

export const ADAPTER_NOT_ATTACHED = (adapter: string) => `The ${adapter} adapter is not attached to a running ActiveJobModule`;

export const INLINE_CANNOT_SCHEDULE = (jobClass: string) =>
  `The inline adapter cannot schedule ${jobClass} for later (wait/waitUntil); use the bull or async adapter`;

export const LIMITER_DURATION_TOO_SHORT = (at: string, duration: unknown) => `${at}: limiter.duration must be at least 1 ms, got ${JSON.stringify(duration)}`;

export const WORKER_CONSUMING = (adapter: string, queues: readonly string[]) => `Worker consuming ${adapter} queues: ${queues.join(', ') || 'none'}`;

export const QUEUES_NOT_CONSUMED = (missing: readonly string[]) =>
  `Jobs are routed to ${missing.join(', ')}, which this worker does not consume (worker.queues): run a worker for ${missing.length > 1 ? 'them' : 'it'}`;

export const DYNAMICALLY_ROUTED = (classes: readonly string[]) =>
  `${classes.join(', ')} choose${classes.length > 1 ? '' : 's'} a queue at enqueue: make sure a worker consumes each queue they can return (worker.queues)`;

export const AFTER_DISCARD_FAILED = (jobClass: string, method: string, error: unknown) => `${jobClass}.${method} (@AfterDiscard) failed: ${errorText(error)}`;

export const ERROR_REPORTER_FAILED = (jobClass: string, jobId: string, error: unknown) =>
  `The errorReporter failed to report ${jobClass} (Job ID: ${jobId}): ${errorText(error)}`;

export const RETURNED_FALSE = (callback: string) => `${callback} returned false, which does not halt the job; call throwAbort() to halt`;

export const BULL_QUEUE_ERROR = (queue: string, target: string, error: Error) => `Bull(${queue}) on ${target}: ${error.message}`;

export const ASYNC_JOBS_LOST = (lost: number) => `Async adapter: ${lost} job(s) not yet performed are lost at shutdown (use the bull adapter for durable jobs)`;

export const COULD_NOT_ENQUEUE = (what: string, error: unknown) => `Could not enqueue ${what}: ${errorText(error)}`;

export const PAYLOAD_OVER_WORKER_LIMIT = (bytes: number, limit: number) =>
  `Job payload is ${bytes} bytes, over this worker's limit of ${limit} bytes (maxPayloadBytes); it was not performed`;

export const RESERVED_JOB_NAME = (name: string) =>
  `${name} cannot be a job class name: it is a member of Object.prototype, which Bull would dispatch to instead of the job; rename the class`;

export const REDIS_UNREACHABLE = (target: string, what: string, detail: string, timeoutMs: number, lastError: Error | undefined) =>
  `Redis cannot be reached at ${target}: could not enqueue ${what} (${detail} after ${timeoutMs} ms${lastError ? `; last error: ${lastError.message}` : ''})`;

export const NESTED_JOBS_LIMIT = (jobClass: string, limit: number, lineage: readonly string[]) =>
  `${jobClass} was enqueued by jobs nested ${limit} deep (…${lineage.slice(-4).join(' → ')}): does a job enqueue itself without end? The test adapter stops here.`;
