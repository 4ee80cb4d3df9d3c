import { toMilliseconds } from '../utils/duration';
import { TestHelperUsageError } from './test-helper-usage.error';
import type { JobExpectation } from './job-expectation';
import { BAD_JOB_COUNT, BAD_TIME, CALLBACK_NOT_LAST, OPTIONS_NOT_AN_OBJECT, UNKNOWN_HELPER_OPTION } from './testing.messages';
import { unknownKey } from '../validation/option-checks';

/** The callback of an assertion: the code under test, run and awaited while the helper watches. */
export type JobBlock<T = unknown> = () => T | PromiseLike<T>;

const EXPECTATION_KEYS = ['args', 'queue', 'priority', 'at', 'wait'];

/** Sorts `(options?, callback?)` and `(callback)` calls into options and callback. */
export function splitArguments<O extends object>(
  optionsOrBlock: O | JobBlock | undefined,
  block: JobBlock | undefined,
  caller: string,
): [O, JobBlock | undefined] {
  if (typeof optionsOrBlock === 'function') return [{} as O, optionsOrBlock];
  if (block !== undefined && typeof block !== 'function') throw new TestHelperUsageError(CALLBACK_NOT_LAST(caller, describeValue(block)));
  if (optionsOrBlock !== undefined && (typeof optionsOrBlock !== 'object' || optionsOrBlock === null)) {
    throw new TestHelperUsageError(OPTIONS_NOT_AN_OBJECT(caller, describeValue(optionsOrBlock)));
  }
  return [optionsOrBlock ?? ({} as O), block];
}

export function checkCount(count: unknown, caller: string): void {
  if (!Number.isInteger(count) || (count as number) < 0) throw new TestHelperUsageError(BAD_JOB_COUNT(caller, describeValue(count)));
}

export function checkKeys(options: object, keys: readonly string[], caller: string): void {
  const unknown = unknownKey(options, keys);
  if (unknown) throw new TestHelperUsageError(UNKNOWN_HELPER_OPTION(caller, unknown, keys));
}

export function checkExpectation(expectation: JobExpectation, caller: string): void {
  checkKeys(expectation, EXPECTATION_KEYS, caller);
  const { at, wait } = expectation;
  if (at instanceof Date || typeof at === 'number') epochMs(at, `${caller} at`);
  if (wait !== undefined) toMilliseconds(wait, `${caller} wait`);
}

export function epochMs(at: unknown, name: string): number {
  const time = at instanceof Date ? at.getTime() : at;
  if (typeof time === 'number' && Number.isFinite(time)) return time;
  throw new TestHelperUsageError(BAD_TIME(name, describeValue(at)));
}

export function describeValue(value: unknown): string {
  if (typeof value === 'function') return value.name ? `function ${value.name}` : 'an anonymous function';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
