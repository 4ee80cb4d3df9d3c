import type { ApplicationJob } from '../application-job';
import type { Duration } from '../interfaces/duration.type';
import type { JobArguments } from '../interfaces/job-type.interface';
import { toMilliseconds } from '../utils/duration';
import { formatDuration, formatValue, formatWaitOf, waitOf } from './format-jobs';
import type { TestJob } from './test-job';
import { type AsymmetricMatcherLike, type Expected, isAsymmetricMatcher, valuesMatch } from './values-match';

/** Jobs scheduled with `wait` are compared to the second, as Rails compares times. */
const WAIT_TOLERANCE_MS = 1_000;

/**
 * What `assertEnqueuedWith` / `assertPerformedWith` look for; every key given must match.
 * @publicApi
 */
export interface JobExpectation<J extends ApplicationJob = ApplicationJob> {
  /** `perform`'s arguments, compared as `toEqual` does (asymmetric matchers welcome), or a predicate over them. */
  args?: Expected<JobArguments<J>> | ((args: JobArguments<J>) => boolean);
  /** The queue: a name, an asymmetric matcher (`expect.stringMatching(/^mail/)`) or a predicate. */
  queue?: string | AsymmetricMatcherLike | ((queue: string) => boolean);
  /** The priority (`null` for none): a number, an asymmetric matcher or a predicate. */
  priority?: number | null | AsymmetricMatcherLike | ((priority: number | null) => boolean);
  /** When the job may run: the exact moment, `null` for "at once", a predicate or an asymmetric matcher. */
  at?: Date | number | null | AsymmetricMatcherLike | ((at: Date | null) => boolean);
  /** The delay it was scheduled with, `set({ wait: '10m' })`, to the second. */
  wait?: Duration;
}

/** One key of an expectation that a job does not meet, readable on its own. */
export interface Mismatch {
  key: keyof JobExpectation;
  expected: string;
  received: string;
}

/** The keys of `expectation` that `job` does not meet; none when it matches. */
export function mismatches(job: TestJob, expectation: JobExpectation): Mismatch[] {
  const found: Mismatch[] = [];
  const { args, queue, priority, at, wait } = expectation;
  if (args !== undefined && !(typeof args === 'function' ? args(job.args as never) : valuesMatch(args, job.args))) {
    found.push({
      key: 'args',
      expected: typeof args === 'function' ? 'args for which the predicate is true' : formatValue(args),
      received: formatValue(job.args),
    });
  }
  if (queue !== undefined && !valueMatches(queue, job.queue)) found.push({ key: 'queue', expected: formatExpected(queue), received: formatValue(job.queue) });
  if (priority !== undefined && !valueMatches(priority, job.priority)) {
    found.push({ key: 'priority', expected: formatExpected(priority), received: formatValue(job.priority) });
  }
  if (at !== undefined && !atMatches(at, job.at)) found.push({ key: 'at', expected: formatAt(at), received: formatAt(job.at) });
  if (wait !== undefined) {
    const expectedMs = toMilliseconds(wait, 'assertEnqueuedWith() wait');
    if (Math.abs(waitOf(job) - expectedMs) >= WAIT_TOLERANCE_MS) {
      found.push({
        key: 'wait',
        expected: formatDuration(expectedMs),
        received: job.at ? `${formatWaitOf(job)} (at ${job.at.toISOString()})` : 'none (runs at once)',
      });
    }
  }
  return found;
}

/** `{ args: [ 42 ], queue: 'mailers' }` */
export function formatExpectation(expectation: JobExpectation): string {
  const shown = Object.fromEntries(Object.entries(expectation).filter(([, value]) => value !== undefined));
  if (shown.at instanceof Date || typeof shown.at === 'number') shown.at = new Date(shown.at).toISOString();
  return formatValue(shown);
}

/** A plain value compared as it is, an asymmetric matcher asked, a predicate called. */
function valueMatches<T>(expected: T | AsymmetricMatcherLike | ((value: T) => boolean), received: T): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(received);
  if (typeof expected === 'function') return (expected as (value: T) => boolean)(received);
  return expected === received;
}

function formatExpected(expected: unknown): string {
  return typeof expected === 'function' && !isAsymmetricMatcher(expected) ? 'a value for which the predicate is true' : formatValue(expected);
}

function atMatches(expected: NonNullable<JobExpectation['at']> | null, received: Date | null): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(received);
  if (typeof expected === 'function') return expected(received);
  if (expected === null || received === null) return expected === received;
  return new Date(expected).getTime() === received.getTime();
}

function formatAt(at: NonNullable<JobExpectation['at']> | null): string {
  if (at === null) return 'none (runs at once)';
  if (at instanceof Date || typeof at === 'number') return new Date(at).toISOString();
  return typeof at === 'function' && !isAsymmetricMatcher(at) ? 'a time for which the predicate is true' : formatValue(at);
}
