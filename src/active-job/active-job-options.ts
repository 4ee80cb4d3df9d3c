import type { AdvancedSettings } from 'bull';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_ENQUEUE_TIMEOUT_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_QUEUE_NAME,
  DEFAULT_RETRY_JITTER,
  DEFAULT_PREFIX,
  DEFAULT_REMOVE_ON_COMPLETE,
  DEFAULT_REMOVE_ON_FAIL,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
} from './active-job.constants';
import { checkConnection } from './bull/check-connection';
import { InvalidJobOptionsError } from './errors/invalid-job-options.error';
import { checkJitter, checkPriority, checkQueueName, positiveInteger, rejectUnknownOptions, resolveBackoff, resolveKeepJobs } from './validation/option-checks';
import type { ErrorReporter } from './reporting/error-reporter.interface';
import type { ProviderJobOptions, QueueAdapter } from './adapters/queue-adapter.interface';
import type { ActiveJobModuleOptions, AdapterName, LogLines } from './interfaces/active-job-module-options.interface';
import type { RedisConnection } from './interfaces/redis-connection.interface';
import type { ArgumentSerializer } from './serialization/argument-serializer.interface';
import type { RecurringTaskOptions } from './recurring/recurring-options.interface';
import { toMilliseconds } from './utils/duration';
import { resolveTransactionOptions, type ResolvedTransactionOptions } from './transactions/resolve-transaction-options';
import {
  BAD_ERROR_REPORTER,
  BAD_LOG_LINES,
  BAD_QUEUE_NAME_DELIMITER,
  IN_MEMORY_IN_PRODUCTION,
  RECURRING_NOT_A_LIST,
  UNKNOWN_ADAPTER,
} from './active-job.messages';

/** Module options with every default filled in and every value checked. */
export interface ResolvedActiveJobOptions {
  adapter: AdapterName | QueueAdapter;
  /** True when the adapter was not chosen but fell back to `async` for want of a connection. */
  adapterDefaulted: boolean;
  connection?: RedisConnection;
  prefix: string;
  defaultJobOptions: ProviderJobOptions;
  worker: { enabled: boolean; queues?: string[]; concurrency: number; shutdownTimeoutMs: number };
  enqueueTimeoutMs: number;
  logArguments: boolean;
  logLines: LogLines;
  maxPayloadBytes: number;
  serializers: ArgumentSerializer[];
  bullSettings?: AdvancedSettings;
  queueNamePrefix: string | null;
  queueNameDelimiter: string;
  defaultQueueName: string;
  defaultPriority: number | null;
  retryJitter: number;
  errorReporter?: ErrorReporter;
  recurring: RecurringTaskOptions[];
  transactions?: ResolvedTransactionOptions;
}

const ADAPTER_NAMES: readonly AdapterName[] = ['bull', 'async', 'inline', 'test'];
const KNOWN_OPTIONS = [
  'adapter',
  'connection',
  'prefix',
  'defaultJobOptions',
  'worker',
  'enqueueTimeout',
  'logArguments',
  'logLines',
  'maxPayloadBytes',
  'serializers',
  'bullSettings',
  'recurring',
  'queueNamePrefix',
  'queueNameDelimiter',
  'defaultQueueName',
  'defaultPriority',
  'retryJitter',
  'errorReporter',
  'transactions',
];
const KNOWN_WORKER_OPTIONS = ['enabled', 'queues', 'concurrency', 'shutdownTimeout'];

export function resolveOptions(options: ActiveJobModuleOptions = {}, env = process.env): ResolvedActiveJobOptions {
  rejectUnknownOptions(options, KNOWN_OPTIONS, 'ActiveJobModule option');
  rejectUnknownOptions(options.worker ?? {}, KNOWN_WORKER_OPTIONS, 'ActiveJobModule worker option');
  const adapter = options.adapter ?? (options.connection ? 'bull' : 'async');
  if (typeof adapter === 'string' && !ADAPTER_NAMES.includes(adapter)) {
    throw new InvalidJobOptionsError(UNKNOWN_ADAPTER(adapter, ADAPTER_NAMES));
  }
  const adapterDefaulted = options.adapter === undefined && !options.connection;
  if (adapterDefaulted && env.NODE_ENV === 'production') {
    throw new InvalidJobOptionsError(IN_MEMORY_IN_PRODUCTION());
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (adapter === 'bull') checkConnection(options.connection, prefix);
  const defaults = options.defaultJobOptions ?? {};
  const worker = options.worker ?? {};
  return {
    adapter,
    adapterDefaulted,
    connection: options.connection,
    prefix,
    defaultJobOptions: {
      attempts: positiveInteger(defaults.attempts ?? 1, 'defaultJobOptions.attempts'),
      backoff: resolveBackoff(defaults.backoff, 'defaultJobOptions.backoff'),
      removeOnComplete: resolveKeepJobs(defaults.removeOnComplete ?? DEFAULT_REMOVE_ON_COMPLETE, 'defaultJobOptions.removeOnComplete'),
      removeOnFail: resolveKeepJobs(defaults.removeOnFail ?? DEFAULT_REMOVE_ON_FAIL, 'defaultJobOptions.removeOnFail'),
    },
    worker: {
      enabled: worker.enabled ?? false,
      queues: worker.queues,
      concurrency: positiveInteger(worker.concurrency ?? DEFAULT_CONCURRENCY, 'worker.concurrency'),
      shutdownTimeoutMs: toMilliseconds(worker.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS, 'worker.shutdownTimeout'),
    },
    enqueueTimeoutMs: toMilliseconds(options.enqueueTimeout ?? DEFAULT_ENQUEUE_TIMEOUT_MS, 'enqueueTimeout'),
    logArguments: options.logArguments ?? true,
    logLines: logLines(options.logLines),
    maxPayloadBytes: positiveInteger(options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES, 'maxPayloadBytes'),
    serializers: options.serializers ?? [],
    bullSettings: options.bullSettings,
    recurring: recurringList(options.recurring),
    queueNamePrefix: options.queueNamePrefix ?? null,
    queueNameDelimiter: queueNameDelimiter(options.queueNameDelimiter),
    defaultQueueName: checkQueueName(options.defaultQueueName ?? DEFAULT_QUEUE_NAME, 'defaultQueueName'),
    defaultPriority:
      options.defaultPriority === undefined || options.defaultPriority === null ? null : checkPriority(options.defaultPriority, 'defaultPriority'),
    retryJitter: options.retryJitter === undefined ? DEFAULT_RETRY_JITTER : checkJitter(options.retryJitter, 'retryJitter'),
    errorReporter: errorReporter(options.errorReporter),
    transactions: resolveTransactionOptions(options.transactions),
  };
}

function queueNameDelimiter(delimiter: unknown): string {
  if (delimiter === undefined) return '_';
  if (typeof delimiter === 'string' && delimiter.length > 0 && !delimiter.includes(':')) return delimiter;
  throw new InvalidJobOptionsError(BAD_QUEUE_NAME_DELIMITER(delimiter));
}

function errorReporter(reporter: unknown): ErrorReporter | undefined {
  if (reporter === undefined) return undefined;
  if (typeof reporter === 'object' && reporter !== null && typeof (reporter as ErrorReporter).report === 'function') return reporter as ErrorReporter;
  throw new InvalidJobOptionsError(BAD_ERROR_REPORTER());
}

const LOG_LINES: readonly LogLines[] = ['all', 'failures'];

function logLines(value: unknown): LogLines {
  if (value === undefined) return 'all';
  if (LOG_LINES.includes(value as LogLines)) return value as LogLines;
  throw new InvalidJobOptionsError(BAD_LOG_LINES(value));
}

function recurringList(recurring: RecurringTaskOptions[] | undefined): RecurringTaskOptions[] {
  if (recurring === undefined) return [];
  if (!Array.isArray(recurring)) throw new InvalidJobOptionsError(RECURRING_NOT_A_LIST(recurring));
  return recurring;
}
