import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import type { UniqueOptions, UniqueUntil } from './unique-options.interface';
import { KEY_NOT_A_FUNCTION, UNKNOWN_FLOW_OPTION } from '../coordination/coordination.messages';
import { BAD_UNIQUE_UNTIL, UNIQUE_FOR_NOT_POSITIVE, UNIQUE_FOR_REQUIRED, UNIQUE_NOT_AN_OBJECT } from './uniqueness.messages';
import { unknownKey } from '../validation/option-checks';

export interface ResolvedUnique {
  key: (...args: any[]) => string;
  forMs: number;
  until: UniqueUntil;
}

const KNOWN = ['key', 'for', 'until'];
const UNTIL: readonly UniqueUntil[] = ['enqueued', 'started', 'finished'];

/** Checks `@Job({ unique })` at startup; `at` names the option in errors. */
export function resolveUnique(options: UniqueOptions, at: string): ResolvedUnique {
  if (typeof options !== 'object' || options === null) throw new InvalidJobOptionsError(UNIQUE_NOT_AN_OBJECT(at));
  const unknown = unknownKey(options, KNOWN);
  if (unknown) throw new InvalidJobOptionsError(UNKNOWN_FLOW_OPTION(at, unknown, KNOWN));
  if (typeof options.key !== 'function') throw new InvalidJobOptionsError(KEY_NOT_A_FUNCTION(at));
  if (options.for === undefined) throw new InvalidJobOptionsError(UNIQUE_FOR_REQUIRED(at));
  const forMs = toMilliseconds(options.for, `${at}.for`);
  if (forMs < 1) throw new InvalidJobOptionsError(UNIQUE_FOR_NOT_POSITIVE(at));
  const until = options.until ?? 'finished';
  if (!UNTIL.includes(until)) throw new InvalidJobOptionsError(BAD_UNIQUE_UNTIL(at, until, UNTIL));
  return { key: options.key, forMs, until };
}
