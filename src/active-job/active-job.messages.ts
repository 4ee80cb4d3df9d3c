// User-facing messages of the core, as functions, in one place (as @nestjs/schedule keeps its messages):
// each names the option or class at fault and what would work instead.

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

export const UNKNOWN_SET_OPTION = (key: string, known: readonly string[]) => `Unknown set() option "${key}"; known options are ${known.join(', ')}`;

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
