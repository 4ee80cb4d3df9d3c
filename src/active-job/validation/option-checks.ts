import type { ProviderJobOptions, ResolvedKeepJobs } from '../adapters/queue-adapter.interface';
import {
  BAD_BACKOFF_TYPE,
  BAD_JITTER,
  BAD_KEEP_COUNT,
  BAD_KEEP_JOBS,
  BAD_QUEUE_NAME,
  NOT_A_POSITIVE_INTEGER,
  PRIORITY_TOO_LOW,
  UNKNOWN_OPTION,
} from '../active-job.messages';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { Backoff, KeepJobs } from '../interfaces/job-options.interface';
import { toMilliseconds } from '../utils/duration';

// Checks shared by module, @Job, @RetryOn, @Processor and set() options: each names the option it refuses.

export const MAX_PRIORITY = 2_097_152; // Bull's priority is 1 (highest) to 2^21

/** Refuses a key of `object` that is not in `known`; `what` names the options in the message (see UNKNOWN_OPTION). */
/** The first key of `object` that is not one of `known`: each options check throws its own error for it. */
export function unknownKey(object: object, known: readonly string[]): string | undefined {
  return Object.keys(object).find((key) => !known.includes(key));
}

export function rejectUnknownOptions(object: object, known: readonly string[], what: string): void {
  const unknown = unknownKey(object, known);
  if (unknown) throw new InvalidJobOptionsError(UNKNOWN_OPTION(what, unknown, known));
}

export function positiveInteger(value: unknown, name: string): number {
  if (Number.isInteger(value) && (value as number) >= 1) return value as number;
  throw new InvalidJobOptionsError(NOT_A_POSITIVE_INTEGER(name, value));
}

export function checkPriority(priority: unknown, name: string): number {
  const value = positiveInteger(priority, name);
  if (value > MAX_PRIORITY) throw new InvalidJobOptionsError(PRIORITY_TOO_LOW(name, MAX_PRIORITY, value));
  return value;
}

export function checkQueueName(queue: unknown, name: string): string {
  if (typeof queue === 'string' && queue.trim().length > 0 && !queue.includes(':')) return queue;
  throw new InvalidJobOptionsError(BAD_QUEUE_NAME(name, queue));
}

export function checkJitter(jitter: unknown, name: string): number {
  if (typeof jitter === 'number' && Number.isFinite(jitter) && jitter >= 0) return jitter;
  throw new InvalidJobOptionsError(BAD_JITTER(name, jitter));
}

export function resolveBackoff(backoff: Backoff | undefined, name: string): ProviderJobOptions['backoff'] {
  if (backoff === undefined) return undefined;
  if (typeof backoff === 'object' && backoff !== null) {
    if (backoff.type !== 'fixed' && backoff.type !== 'exponential') {
      throw new InvalidJobOptionsError(BAD_BACKOFF_TYPE(name, backoff.type));
    }
    return { type: backoff.type, delay: toMilliseconds(backoff.delay, `${name}.delay`) };
  }
  return { type: 'fixed', delay: toMilliseconds(backoff, name) };
}

/** Retention in Bull's terms: a duration's age becomes whole seconds, counts stay counts. */
export function resolveKeepJobs(keep: KeepJobs, name: string): ResolvedKeepJobs {
  if (typeof keep === 'boolean') return keep;
  if (typeof keep === 'number') {
    if (Number.isInteger(keep) && keep >= 0) return keep;
    throw new InvalidJobOptionsError(BAD_KEEP_JOBS(name, String(keep)));
  }
  if (typeof keep !== 'object' || keep === null || Object.keys(keep).some((key) => key !== 'count' && key !== 'age')) {
    throw new InvalidJobOptionsError(BAD_KEEP_JOBS(name, JSON.stringify(keep)));
  }
  const resolved: { count?: number; age?: number } = {};
  if (keep.count !== undefined) {
    if (!Number.isInteger(keep.count) || keep.count < 0) throw new InvalidJobOptionsError(BAD_KEEP_COUNT(name, keep.count));
    resolved.count = keep.count;
  }
  if (keep.age !== undefined) resolved.age = Math.ceil(toMilliseconds(keep.age, `${name}.age`) / 1000);
  return resolved;
}
