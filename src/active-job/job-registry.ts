import { BAD_QUEUE_NAME_PREFIX, DUPLICATE_JOB_NAME, JOB_NOT_REGISTERED, NO_PERFORM_METHOD, RESERVED_JOB_NAME } from './active-job.messages';
import type { Type } from '@nestjs/common';
import type { ResolvedActiveJobOptions } from './active-job-options';
import { checkJitter, checkPriority, checkQueueName, positiveInteger, resolveBackoff, resolveKeepJobs } from './validation/option-checks';
import type { ProviderJobOptions } from './adapters/queue-adapter.interface';
import type { JobInstance } from './interfaces/job-instance.interface';
import { InvalidJobOptionsError } from './errors/invalid-job-options.error';
import { JobNotRegisteredError } from './errors/job-not-registered.error';
import { UnknownJobClassError } from './errors/unknown-job-class.error';
import type { JobOptions } from './interfaces/job-options.interface';
import { toMilliseconds } from './utils/duration';
import { isReservedJobName } from './utils/reserved-job-names';
import { callbackChain, type CallbackChain } from './callbacks/callback-chain';
import { callbacksOf } from './callbacks/callback-metadata';
import type { ExceptionHandler } from './exceptions/exception-handler.interface';
import { exceptionHandlersOf } from './exceptions/exception-handlers';
import { resolveConcurrency, type ResolvedConcurrency } from './concurrency/resolve-concurrency';
import { resolveUnique, type ResolvedUnique } from './uniqueness/resolve-unique';

/** Everything the enqueue and perform paths need of a job class, worked out once at startup. */
export interface JobDefinition {
  readonly type: Type<JobInstance>;
  readonly name: string;
  /** Every queue this class is routed to without knowing its arguments: its declared queue and its retry queues, prefixed. */
  readonly queueNames: readonly string[];
  /** The queue of a job with these arguments (`@Job({ queue })`, a name or a function of the arguments), prefixed. */
  readonly queueFor: (args: readonly unknown[]) => string;
  /** A queue named at enqueue (`set({ queue })`, a retry's queue), with this class's prefix applied. */
  readonly queueNamed: (part: unknown, what: string) => string;
  /** The priority of a job with these arguments (`@Job({ priority })`, a number or a function), or null. */
  readonly priorityFor: (args: readonly unknown[]) => number | null;
  /** Random extra wait of `@RetryOn` retries, as a fraction of the delay, unless a handler says otherwise. */
  readonly retryJitter: number;
  readonly providerOptions: ProviderJobOptions;
  readonly timeoutMs: number | null;
  readonly logArguments: boolean;
  /** `@RetryOn`, `@DiscardOn`, `@RescueFrom`, ancestors first, in declaration order. */
  readonly exceptionHandlers: readonly ExceptionHandler[];
  readonly enqueueCallbacks: CallbackChain;
  readonly performCallbacks: CallbackChain;
  readonly afterDiscard: readonly (string | symbol)[];
  /** `@Job({ unique })`, checked; null when the job is not unique. */
  readonly unique: ResolvedUnique | null;
  /** `@Job({ limitsConcurrency })`, checked; null when unlimited. */
  readonly concurrency: ResolvedConcurrency | null;
  /**
   * The instance that performs one run: the singleton, returned as it is (no promise to wait for on
   * the hot path), or a fresh one for transient and request scope, resolved through DI.
   */
  readonly instance: (execution: object) => JobInstance | Promise<JobInstance>;
}

/** The job classes this application knows, by class and by the name stored in payloads. */
export class JobRegistry {
  private readonly byType = new Map<Function, JobDefinition>();
  private readonly byName = new Map<string, JobDefinition>();
  /** Queues classes are sent to from outside their `@Job` (`routeAlso`), as `set({ queue })` names them. */
  private readonly alsoRouted = new Map<Function, Set<string>>();

  constructor(private readonly options: ResolvedActiveJobOptions) {}

  register(type: Type<JobInstance>, jobOptions: JobOptions, instance: JobDefinition['instance']): JobDefinition {
    const existing = this.byType.get(type);
    if (existing) return existing;
    const name = type.name;
    if (isReservedJobName(name)) {
      throw new InvalidJobOptionsError(RESERVED_JOB_NAME(name));
    }
    const clash = this.byName.get(name);
    if (clash) {
      throw new InvalidJobOptionsError(DUPLICATE_JOB_NAME(name));
    }
    const definition = this.define(type, name, jobOptions, instance);
    this.byType.set(type, definition);
    this.byName.set(name, definition);
    return definition;
  }

  forType(type: Function): JobDefinition {
    const definition = this.byType.get(type);
    if (definition) return definition;
    throw new JobNotRegisteredError(JOB_NOT_REGISTERED(type.name));
  }

  forName(name: string): JobDefinition {
    const definition = this.byName.get(name);
    if (definition) return definition;
    throw new UnknownJobClassError(name, this.names());
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Queues a job class is sent to by code beside its `@Job` (`deliverLater`'s queues for the delivery
   * job), given as `set({ queue })` takes them: the default worker consumes them too. Works before or
   * after the class is registered.
   */
  routeAlso(type: Function, queues: Iterable<string>): void {
    const routed = this.alsoRouted.get(type) ?? new Set<string>();
    for (const queue of queues) routed.add(queue);
    this.alsoRouted.set(type, routed);
  }

  /** Every queue a registered job can be routed to without knowing its arguments (declared, retry and `routeAlso` queues, prefixed). */
  queueNames(): string[] {
    const queues = [...this.byType.values()].flatMap((definition) => definition.queueNames);
    for (const [type, routed] of this.alsoRouted) {
      const definition = this.byType.get(type);
      if (definition) for (const queue of routed) queues.push(definition.queueNamed(queue, `queue of ${definition.name}`));
    }
    return [...new Set(queues)];
  }

  /** Job classes whose queue is a function of the arguments: which queues they reach is known only at enqueue. */
  dynamicallyRouted(): string[] {
    return [...this.byType.values()].filter((definition) => definition.queueNames.length === 0).map((definition) => definition.name);
  }

  private define(type: Type<JobInstance>, name: string, job: JobOptions, instance: JobDefinition['instance']): JobDefinition {
    const at = `@Job() of ${name}`;
    if (typeof type.prototype.perform !== 'function') {
      throw new InvalidJobOptionsError(NO_PERFORM_METHOD(name));
    }
    const defaults = this.options.defaultJobOptions;
    const exceptionHandlers = checkExceptionHandlers(exceptionHandlersOf(type), name);
    const queueNamed = queueNaming(job.queueNamePrefix === undefined ? this.options.queueNamePrefix : job.queueNamePrefix, this.options.queueNameDelimiter, at);
    const queue = job.queue ?? this.options.defaultQueueName;
    const queueFor =
      typeof queue === 'function'
        ? (args: readonly unknown[]) => queueNamed(queue(...args), `${at}: queue function`)
        : constant(queueNamed(queue, `${at}: queue`));
    const retryQueues = exceptionHandlers.flatMap((handler) =>
      handler.kind === 'retry' && handler.options.queue !== undefined ? [queueNamed(handler.options.queue, `${at}: retry queue`)] : [],
    );
    const priority = job.priority === undefined ? this.options.defaultPriority : job.priority;
    return {
      type,
      name,
      queueNames: typeof queue === 'function' ? [] : [...new Set([queueFor([]), ...retryQueues])],
      queueFor,
      queueNamed,
      priorityFor:
        typeof priority === 'function'
          ? (args) => {
              const value = priority(...args);
              return value === null || value === undefined ? null : checkPriority(value, `${at}: priority function`);
            }
          : constant(priority === null ? null : checkPriority(priority, `${at}: priority`)),
      retryJitter: job.retryJitter === undefined ? this.options.retryJitter : checkJitter(job.retryJitter, `${at}: retryJitter`),
      providerOptions: {
        attempts: job.attempts === undefined ? defaults.attempts : positiveInteger(job.attempts, `${at}: attempts`),
        backoff: job.backoff === undefined ? defaults.backoff : resolveBackoff(job.backoff, `${at}: backoff`),
        removeOnComplete: job.removeOnComplete === undefined ? defaults.removeOnComplete : resolveKeepJobs(job.removeOnComplete, `${at}: removeOnComplete`),
        removeOnFail: job.removeOnFail === undefined ? defaults.removeOnFail : resolveKeepJobs(job.removeOnFail, `${at}: removeOnFail`),
      },
      timeoutMs: job.timeout === undefined ? null : toMilliseconds(job.timeout, `${at}: timeout`) || null,
      logArguments: job.logArguments ?? this.options.logArguments,
      exceptionHandlers,
      enqueueCallbacks: callbackChain(type, 'Enqueue'),
      performCallbacks: callbackChain(type, 'Perform'),
      afterDiscard: callbacksOf(type, 'afterDiscard'),
      unique: job.unique === undefined ? null : resolveUnique(job.unique, `${at}: unique`),
      concurrency: job.limitsConcurrency === undefined ? null : resolveConcurrency(job.limitsConcurrency, name, `${at}: limitsConcurrency`),
      instance,
    };
  }
}

function constant<T>(value: T): () => T {
  return () => value;
}

/** Rails' queue_name_prefix: `production` + `_` + `mailers`; a class's own prefix (or null for none) wins. */
function queueNaming(prefix: string | null, delimiter: string, at: string): (part: unknown, what: string) => string {
  if (prefix !== null && (typeof prefix !== 'string' || prefix.includes(':'))) {
    throw new InvalidJobOptionsError(BAD_QUEUE_NAME_PREFIX(at, prefix));
  }
  return (part, what) => {
    const name = checkQueueName(part, what);
    return prefix ? `${prefix}${delimiter}${name}` : name;
  };
}

/** Checks `@RetryOn` options once at startup, so a typo fails the boot, not the first failing job. */
function checkExceptionHandlers(handlers: ExceptionHandler[], jobName: string): ExceptionHandler[] {
  for (const handler of handlers) {
    if (handler.kind !== 'retry') continue;
    const at = `@RetryOn(${handler.key}) of ${jobName}`;
    const { attempts, jitter, wait, queue, priority } = handler.options;
    if (attempts !== undefined && attempts !== 'unlimited') positiveInteger(attempts, `${at}: attempts`);
    if (jitter !== undefined) checkJitter(jitter, `${at}: jitter`);
    if (wait !== undefined && typeof wait !== 'function' && wait !== 'polynomiallyLonger' && wait !== 'exponentiallyLonger') {
      toMilliseconds(wait, `${at}: wait`);
    }
    if (queue !== undefined) checkQueueName(queue, `${at}: queue`);
    if (priority !== undefined) checkPriority(priority, `${at}: priority`);
  }
  return handlers;
}
