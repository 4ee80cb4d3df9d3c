import type { Type } from '@nestjs/common';
import { DEFAULT_QUEUE_NAME } from './active-job.constants';
import { positiveInteger, resolveBackoff, type ResolvedActiveJobOptions } from './active-job-options';
import type { ProviderJobOptions } from './adapters/queue-adapter.interface';
import type { ApplicationJob } from './application-job';
import { InvalidJobOptionsError } from './errors/invalid-job-options.error';
import { JobNotRegisteredError } from './errors/job-not-registered.error';
import { UnknownJobClassError } from './errors/unknown-job-class.error';
import type { JobOptions } from './interfaces/job-options.interface';
import { toMilliseconds } from './utils/duration';
import { callbackChain, type CallbackChain } from './callbacks/callback-chain';
import { callbacksOf } from './callbacks/callback-metadata';
import type { ExceptionHandler } from './exceptions/exception-handler.interface';
import { exceptionHandlersOf } from './exceptions/exception-handlers';
import { resolveConcurrency, type ResolvedConcurrency } from './concurrency/resolve-concurrency';
import { resolveUnique, type ResolvedUnique } from './uniqueness/resolve-unique';

export const MAX_PRIORITY = 2_097_152; // Bull's priority is 1 (highest) to 2^21

/** Everything the enqueue and perform paths need of a job class, worked out once at startup. */
export interface JobDefinition {
  readonly type: Type<ApplicationJob>;
  readonly name: string;
  readonly queueName: string;
  readonly priority: number | null;
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
  readonly instance: (execution: object) => ApplicationJob | Promise<ApplicationJob>;
}

export function checkPriority(priority: unknown, name: string): number {
  const value = positiveInteger(priority, name);
  if (value > MAX_PRIORITY) throw new InvalidJobOptionsError(`${name} must be at most ${MAX_PRIORITY} (Bull's lowest priority), got ${value}`);
  return value;
}

export function checkQueueName(queue: unknown, name: string): string {
  if (typeof queue === 'string' && queue.trim().length > 0 && !queue.includes(':')) return queue;
  throw new InvalidJobOptionsError(`${name} must be a non-empty queue name without ':', got ${JSON.stringify(queue)}`);
}

/** The job classes this application knows, by class and by the name stored in payloads. */
export class JobRegistry {
  private readonly byType = new Map<Function, JobDefinition>();
  private readonly byName = new Map<string, JobDefinition>();

  constructor(private readonly options: ResolvedActiveJobOptions) {}

  register(type: Type<ApplicationJob>, jobOptions: JobOptions, instance: JobDefinition['instance']): JobDefinition {
    const existing = this.byType.get(type);
    if (existing) return existing;
    const name = type.name;
    const clash = this.byName.get(name);
    if (clash) {
      throw new InvalidJobOptionsError(`Two different job classes are named ${name}; payloads name their class, so job class names must be unique`);
    }
    const definition = this.define(type, name, jobOptions, instance);
    this.byType.set(type, definition);
    this.byName.set(name, definition);
    return definition;
  }

  forType(type: Function): JobDefinition {
    const definition = this.byType.get(type);
    if (definition) return definition;
    throw new JobNotRegisteredError(
      `${type.name} is not a registered job: add it to ActiveJobModule.forFeature([${type.name}]) ` +
        'and make sure it extends ApplicationJob',
    );
  }

  forName(name: string): JobDefinition {
    const definition = this.byName.get(name);
    if (definition) return definition;
    throw new UnknownJobClassError(name, this.names());
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  queueNames(): string[] {
    return [...new Set([...this.byType.values()].map((definition) => definition.queueName))];
  }

  private define(type: Type<ApplicationJob>, name: string, job: JobOptions, instance: JobDefinition['instance']): JobDefinition {
    const at = `@Job() of ${name}`;
    if (typeof type.prototype.perform !== 'function') {
      throw new InvalidJobOptionsError(`${name} has no perform() method; a job class extends ApplicationJob and defines perform(...args)`);
    }
    const defaults = this.options.defaultJobOptions;
    return {
      type,
      name,
      queueName: job.queue === undefined ? DEFAULT_QUEUE_NAME : checkQueueName(job.queue, `${at}: queue`),
      priority: job.priority === undefined ? null : checkPriority(job.priority, `${at}: priority`),
      providerOptions: {
        attempts: job.attempts === undefined ? defaults.attempts : positiveInteger(job.attempts, `${at}: attempts`),
        backoff: job.backoff === undefined ? defaults.backoff : resolveBackoff(job.backoff, `${at}: backoff`),
        removeOnComplete: job.removeOnComplete ?? defaults.removeOnComplete,
        removeOnFail: job.removeOnFail ?? defaults.removeOnFail,
      },
      timeoutMs: job.timeout === undefined ? null : toMilliseconds(job.timeout, `${at}: timeout`) || null,
      logArguments: job.logArguments ?? this.options.logArguments,
      exceptionHandlers: checkExceptionHandlers(exceptionHandlersOf(type), name),
      enqueueCallbacks: callbackChain(type, 'Enqueue'),
      performCallbacks: callbackChain(type, 'Perform'),
      afterDiscard: callbacksOf(type, 'afterDiscard'),
      unique: job.unique === undefined ? null : resolveUnique(job.unique, `${at}: unique`),
      concurrency: job.limitsConcurrency === undefined ? null : resolveConcurrency(job.limitsConcurrency, name, `${at}: limitsConcurrency`),
      instance,
    };
  }
}

/** Checks `@RetryOn` options once at startup, so a typo fails the boot, not the first failing job. */
function checkExceptionHandlers(handlers: ExceptionHandler[], jobName: string): ExceptionHandler[] {
  for (const handler of handlers) {
    if (handler.kind !== 'retry') continue;
    const at = `@RetryOn(${handler.key}) of ${jobName}`;
    const { attempts, jitter, wait, queue, priority } = handler.options;
    if (attempts !== undefined && attempts !== 'unlimited') positiveInteger(attempts, `${at}: attempts`);
    if (jitter !== undefined && !(Number.isFinite(jitter) && jitter >= 0)) {
      throw new InvalidJobOptionsError(`${at}: jitter must be a number of at least 0, got ${JSON.stringify(jitter)}`);
    }
    if (wait !== undefined && typeof wait !== 'function' && wait !== 'polynomiallyLonger' && wait !== 'exponentiallyLonger') {
      toMilliseconds(wait, `${at}: wait`);
    }
    if (queue !== undefined) checkQueueName(queue, `${at}: queue`);
    if (priority !== undefined) checkPriority(priority, `${at}: priority`);
  }
  return handlers;
}
