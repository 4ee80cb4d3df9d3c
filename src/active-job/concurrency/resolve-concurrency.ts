import { positiveInteger } from '../validation/option-checks';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { ConcurrencyLimitOptions } from './concurrency-options.interface';

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
  if (typeof options !== 'object' || options === null) throw new InvalidJobOptionsError(`${at} must be an object such as { to: 1, key: (id) => String(id) }`);
  const unknown = Object.keys(options).find((key) => !KNOWN.includes(key));
  if (unknown) throw new InvalidJobOptionsError(`${at}: unknown option "${unknown}"; known options are ${KNOWN.join(', ')}`);
  if (typeof options.key !== 'function') throw new InvalidJobOptionsError(`${at}.key must be a function of perform's arguments returning a string`);
  const durationMs = options.duration === undefined ? DEFAULT_CONCURRENCY_DURATION_MS : toMilliseconds(options.duration, `${at}.duration`);
  if (durationMs < 1) throw new InvalidJobOptionsError(`${at}.duration must be longer than 0`);
  const group = options.group ?? jobName;
  if (typeof group !== 'string' || group === '') throw new InvalidJobOptionsError(`${at}.group must be a non-empty string, got ${JSON.stringify(group)}`);
  const onConflict = options.onConflict ?? 'block';
  if (onConflict !== 'block' && onConflict !== 'discard') {
    throw new InvalidJobOptionsError(`${at}.onConflict must be 'block' or 'discard', got ${JSON.stringify(onConflict)}`);
  }
  return { to: positiveInteger(options.to ?? 1, `${at}.to`), key: options.key, durationMs, group, onConflict };
}
