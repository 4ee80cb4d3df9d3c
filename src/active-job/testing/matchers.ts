import { ApplicationJob } from '../application-job';
import { TestHelperUsageError } from './test-helper-usage.error';
import type { JobArguments, JobType } from '../interfaces/job-type.interface';
import { formatJob, formatJobList } from './format-jobs';
import { JobTestHelper } from './job-test-helper';
import type { TestJob } from './test-job';
import { type AsymmetricMatcherLike, type ExpectedArguments, isAsymmetricMatcher } from './values-match';
import { BAD_QUEUE_MATCHER, BAD_TIMES, RECEIVED_NOT_A_JOB_CLASS } from './testing.messages';

/** The part of the matcher context these matchers use, the same in Jest and Vitest (no runtime import of either). */
export interface MatcherContext {
  isNot?: boolean;
  promise?: string;
  equals(a: unknown, b: unknown): boolean;
  utils: {
    matcherHint(matcherName: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
    printExpected(value: unknown): string;
    printReceived(value: unknown): string;
    diff(a: unknown, b: unknown): string | null | undefined;
  };
}

export interface MatcherResult {
  pass: boolean;
  message(): string;
}

/**
 * Matchers on job classes for Jest and Vitest, read from `JobTestHelper.current` (the helper most
 * recently obtained with `JobTestHelper.from(app)`). Register once, in a setup file or the spec:
 * `expect.extend(activeJobMatchers)`. Their types are opt-in per runner: import
 * `nestjs-active-job/testing/jest` or `nestjs-active-job/testing/vitest` once (a setup file will do).
 *
 * @example
 * import 'nestjs-active-job/testing/vitest'; // or 'nestjs-active-job/testing/jest'
 * expect.extend(activeJobMatchers);
 * expect(WelcomeEmailJob).toHaveBeenEnqueued();
 * expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(user.id);
 * expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('mailers');
 * expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(1);
 * @publicApi
 */
export const activeJobMatchers = {
  toHaveBeenEnqueued(this: MatcherContext, received: unknown): MatcherResult {
    const { name, mine, all } = enqueued(received, 'toHaveBeenEnqueued');
    const hint = this.utils.matcherHint('toHaveBeenEnqueued', name, '', hintOptions(this));
    return {
      pass: mine.length > 0,
      message: () =>
        mine.length > 0
          ? [hint, '', `Expected ${name} not to have been enqueued, but it was enqueued ${times(mine.length)}:`, ...list(mine)].join('\n')
          : [hint, '', `Expected ${name} to have been enqueued, but it was not.`, ...othersOrNothing(all)].join('\n'),
    };
  },

  toHaveBeenEnqueuedWith(this: MatcherContext, received: unknown, ...expectedArgs: unknown[]): MatcherResult {
    const { name, mine, all } = enqueued(received, 'toHaveBeenEnqueuedWith');
    const matching = mine.filter((job) => this.equals(job.args, expectedArgs));
    const hint = this.utils.matcherHint('toHaveBeenEnqueuedWith', name, '...args', hintOptions(this));
    const expectedLine = `Expected arguments: ${this.utils.printExpected(expectedArgs)}`;
    return {
      pass: matching.length > 0,
      message: () => {
        if (matching.length > 0) {
          return [hint, '', `Expected ${name} not to have been enqueued with these arguments, but it was:`, expectedLine, ...list(matching)].join('\n');
        }
        if (mine.length === 0) return [hint, '', expectedLine, `${name} was not enqueued at all.`, ...othersOrNothing(all)].join('\n');
        const diffs = mine.map((job, index) => `${index + 1}. ${formatJob(job)}\n${this.utils.diff(expectedArgs, job.args)}`);
        return [hint, '', expectedLine, `${name} was enqueued ${times(mine.length)}, with other arguments:`, '', diffs.join('\n\n')].join('\n');
      },
    };
  },

  toHaveBeenEnqueuedOn(this: MatcherContext, received: unknown, queue: string | AsymmetricMatcherLike | ((queue: string) => boolean)): MatcherResult {
    if (typeof queue !== 'string' && typeof queue !== 'function' && !isAsymmetricMatcher(queue)) {
      throw new TestHelperUsageError(BAD_QUEUE_MATCHER(queue));
    }
    const { name, mine, all } = enqueued(received, 'toHaveBeenEnqueuedOn');
    const matches = (jobQueue: string) =>
      typeof queue === 'string' ? jobQueue === queue : isAsymmetricMatcher(queue) ? queue.asymmetricMatch(jobQueue) : queue(jobQueue);
    const onQueue = mine.filter((job) => matches(job.queue));
    const hint = this.utils.matcherHint('toHaveBeenEnqueuedOn', name, 'queue', hintOptions(this));
    return {
      pass: onQueue.length > 0,
      message: () => {
        if (onQueue.length > 0) {
          return [hint, '', `Expected ${name} not to have been enqueued on ${this.utils.printExpected(queue)}, but it was:`, ...list(onQueue)].join('\n');
        }
        const lines = [hint, '', `Expected queue: ${this.utils.printExpected(queue)}`];
        if (mine.length === 0) return [...lines, `${name} was not enqueued at all.`, ...othersOrNothing(all)].join('\n');
        const queues = [...new Set(mine.map((job) => job.queue))];
        return [
          ...lines,
          `Received queue${queues.length > 1 ? 's' : ''}: ${queues.map((name) => this.utils.printReceived(name)).join(', ')}`,
          ...list(mine),
        ].join('\n');
      },
    };
  },

  toHaveBeenEnqueuedTimes(this: MatcherContext, received: unknown, count: number): MatcherResult {
    if (!Number.isInteger(count) || count < 0) throw new TestHelperUsageError(BAD_TIMES(count));
    const { name, mine, all } = enqueued(received, 'toHaveBeenEnqueuedTimes');
    const hint = this.utils.matcherHint('toHaveBeenEnqueuedTimes', name, 'count', hintOptions(this));
    return {
      pass: mine.length === count,
      message: () =>
        [
          hint,
          '',
          `Expected ${name} ${this.isNot ? 'not ' : ''}to have been enqueued ${this.utils.printExpected(count)} ${count === 1 ? 'time' : 'times'}`,
          `Received: ${this.utils.printReceived(mine.length)} ${mine.length === 1 ? 'time' : 'times'}`,
          ...(mine.length > 0 ? list(mine) : othersOrNothing(all)),
        ].join('\n'),
    };
  },
};

/** Types of the matchers; `nestjs-active-job/testing/jest` and `nestjs-active-job/testing/vitest` add them to each runner's `expect`. */
export interface ActiveJobMatchers<R, T = unknown> {
  /** The job class has at least one enqueued job. */
  toHaveBeenEnqueued(): R;
  /** A job of the class is enqueued with exactly these `perform` arguments (`toEqual` semantics, asymmetric matchers welcome). */
  toHaveBeenEnqueuedWith(...args: T extends JobType<infer J> ? ExpectedArguments<JobArguments<J>> : unknown[]): R;
  /** A job of the class is enqueued on this queue (a name, an asymmetric matcher or a predicate). */
  toHaveBeenEnqueuedOn(queue: string | AsymmetricMatcherLike | ((queue: string) => boolean)): R;
  /** Exactly this many jobs of the class are enqueued. */
  toHaveBeenEnqueuedTimes(count: number): R;
}

function enqueued(received: unknown, matcher: string): { name: string; mine: TestJob[]; all: TestJob[] } {
  if (typeof received !== 'function' || !(received.prototype instanceof ApplicationJob)) {
    const got = typeof received === 'function' ? `function ${received.name}` : typeof received === 'string' ? JSON.stringify(received) : String(received);
    throw new TestHelperUsageError(RECEIVED_NOT_A_JOB_CLASS(matcher, got));
  }
  const helper = JobTestHelper.current;
  return { name: received.name, mine: helper.enqueuedJobsOf(received as JobType<ApplicationJob>), all: helper.enqueuedJobs };
}

function hintOptions(context: MatcherContext): { isNot?: boolean; promise?: string } {
  return { isNot: context.isNot, promise: context.promise };
}

function othersOrNothing(all: TestJob[]): string[] {
  return all.length > 0 ? formatJobList('Enqueued jobs', all) : ['No jobs were enqueued.'];
}

function list(jobs: TestJob[]): string[] {
  return jobs.map((job) => `  ${formatJob(job)}`);
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}
