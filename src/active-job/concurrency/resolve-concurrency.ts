import { positiveInteger, unknownKey } from '../validation/option-checks';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { ConcurrencyLimitOptions } from './concurrency-options.interface';
import { KEY_NOT_A_FUNCTION, UNKNOWN_FLOW_OPTION } from '../coordination/coordination.messages';
import { BAD_CONCURRENCY_GROUP, BAD_ON_CONFLICT, CONCURRENCY_DURATION_NOT_POSITIVE, CONCURRENCY_NOT_AN_OBJECT } from './concurrency.messages';

export interface ResolvedConcurrency {
  to: number;
  key: (...args: any[]) => string;
  durationMs: number;
  group: string;
  onConflict: 'block' | 'discard';
}

/** Solid Queue's default concurrency period. */
export const DEFAULT_CONCURRENCY_DURATION_MS = 3 * 60_000;
const KNOWN = ['to', 'key', 'duration', 'group', 'onConflict'];

/** Checks `@Job({ limitsConcurrency })` at startup; `at` names the option in errors. */
export function resolveConcurrency(options: ConcurrencyLimitOptions, jobName: string, at: string): ResolvedConcurrency {
  if (typeof options !== 'object' || options === null) throw new InvalidJobOptionsError(CONCURRENCY_NOT_AN_OBJECT(at));
  const unknown = unknownKey(options, KNOWN);
  if (unknown) throw new InvalidJobOptionsError(UNKNOWN_FLOW_OPTION(at, unknown, KNOWN));
  if (typeof options.key !== 'function') throw new InvalidJobOptionsError(KEY_NOT_A_FUNCTION(at));
  const durationMs = options.duration === undefined ? DEFAULT_CONCURRENCY_DURATION_MS : toMilliseconds(options.duration, `${at}.duration`);
  if (durationMs < 1) throw new InvalidJobOptionsError(CONCURRENCY_DURATION_NOT_POSITIVE(at));
  const group = options.group ?? jobName;
  if (typeof group !== 'string' || group === '') throw new InvalidJobOptionsError(BAD_CONCURRENCY_GROUP(at, group));
  const onConflict = options.onConflict ?? 'block';
  if (onConflict !== 'block' && onConflict !== 'discard') {
    throw new InvalidJobOptionsError(BAD_ON_CONFLICT(at, onConflict));
  }
  return { to: positiveInteger(options.to ?? 1, `${at}.to`), key: options.key, durationMs, group, onConflict };
}
