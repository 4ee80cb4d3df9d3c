import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { UniqueOptions, UniqueUntil } from './unique-options.interface';

export interface ResolvedUnique {
  key: (...args: any[]) => string;
  forMs: number;
  until: UniqueUntil;
}

const KNOWN = ['key', 'for', 'until'];
const UNTIL: readonly UniqueUntil[] = ['enqueued', 'started', 'finished'];

/** Checks `@Job({ unique })` at startup; `at` names the option in errors. */
export function resolveUnique(options: UniqueOptions, at: string): ResolvedUnique {
  if (typeof options !== 'object' || options === null)
    throw new InvalidJobOptionsError(`${at} must be an object such as { key: (id) => String(id), for: '10m' }`);
  const unknown = Object.keys(options).find((key) => !KNOWN.includes(key));
  if (unknown) throw new InvalidJobOptionsError(`${at}: unknown option "${unknown}"; known options are ${KNOWN.join(', ')}`);
  if (typeof options.key !== 'function') throw new InvalidJobOptionsError(`${at}.key must be a function of perform's arguments returning a string`);
  if (options.for === undefined) throw new InvalidJobOptionsError(`${at}.for is required: how long the lock may live at most, e.g. '10m'`);
  const forMs = toMilliseconds(options.for, `${at}.for`);
  if (forMs < 1) throw new InvalidJobOptionsError(`${at}.for must be longer than 0`);
  const until = options.until ?? 'finished';
  if (!UNTIL.includes(until)) throw new InvalidJobOptionsError(`${at}.until must be one of ${UNTIL.join(', ')}, got ${JSON.stringify(until)}`);
  return { key: options.key, forMs, until };
}
