import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { Duration } from '../interfaces/duration.type';
import { BAD_DURATION, NEGATIVE_MILLISECONDS } from '../active-job.messages';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/;

/**
 * Milliseconds of a duration: a non-negative number of ms, or `'500ms'`, `'30s'`, `'10m'`, `'2h'`, `'1d'`, `'1w'`.
 * `name` is the option being read, so a bad value names itself in the error.
 */
export function toMilliseconds(value: Duration, name: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new InvalidJobOptionsError(NEGATIVE_MILLISECONDS(name, value));
  }
  const match = typeof value === 'string' ? DURATION_PATTERN.exec(value) : null;
  if (!match) {
    throw new InvalidJobOptionsError(BAD_DURATION(name, value));
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}
