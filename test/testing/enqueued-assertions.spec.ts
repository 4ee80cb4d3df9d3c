import { JobAssertionError, type JobTestHelper } from '../../src/active-job/testing';
import { FlakyJob } from '../jobs/flaky.job';
import { ReminderJob } from './jobs/reminder.job';
import { WelcomeEmailJob } from './jobs/welcome-email.job';
import { asyncFailureOf, failureOf } from './support/failure-of';
import { createTestingApp, type TestingApp } from './support/testing-app';

const since = new Date('2024-05-01T09:00:00.000Z');
const newYear = new Date('2030-01-01T10:00:00.000Z');

describe('assertions on enqueued jobs', () => {
  let testing: TestingApp;
  let jobs: JobTestHelper;

  beforeEach(async () => {
    testing = await createTestingApp();
    jobs = testing.jobs;
  });
  afterEach(() => testing.moduleRef.close());

  describe('enqueuedJobs', () => {
    it('lists each job with its class, deserialized arguments, queue, priority and time, and performs none', async () => {
      await WelcomeEmailJob.performLater(1);
      await ReminderJob.set({ waitUntil: newYear }).performLater(2, { since, topics: new Set(['tips']) });

      expect(jobs.enqueuedJobs.map(({ jobClass, type, args, queue, priority, at }) => ({ jobClass, type, args, queue, priority, at }))).toEqual([
        { jobClass: 'WelcomeEmailJob', type: WelcomeEmailJob, args: [1], queue: 'mailers', priority: null, at: null },
        { jobClass: 'ReminderJob', type: ReminderJob, args: [2, { since, topics: new Set(['tips']) }], queue: 'default', priority: 5, at: newYear },
      ]);
      expect(jobs.enqueuedJobs[1].args[1]).toEqual({ since: expect.any(Date), topics: expect.any(Set) });
      expect(jobs.enqueuedJobsOf(WelcomeEmailJob).map((job) => job.args)).toEqual([[1]]);
      expect(testing.outbox.sent).toEqual([]);
      expect(jobs.performedJobs).toEqual([]);
    });

    it('clearEnqueuedJobs forgets them', async () => {
      await WelcomeEmailJob.performLater(1);
      jobs.clearEnqueuedJobs();
      expect(jobs.enqueuedJobs).toEqual([]);
    });

    it('refuses a class that is not a registered job, naming it', () => {
      expect(() => jobs.enqueuedJobsOf(FlakyJob)).toThrow('FlakyJob is not a registered job');
      expect(() => jobs.enqueuedJobsOf(Date as never)).toThrow('enqueuedJobsOf() takes a job class (one that extends ApplicationJob), got function Date');
    });
  });

  describe('assertEnqueuedJobs', () => {
    it('counts every enqueued job, or those that only, except and queue select', async () => {
      await WelcomeEmailJob.performLater(1);
      await WelcomeEmailJob.set({ queue: 'priority-mailers' }).performLater(2);
      await ReminderJob.performLater(3, { since, topics: new Set<string>() });

      jobs.assertEnqueuedJobs(3);
      jobs.assertEnqueuedJobs(2, { only: WelcomeEmailJob });
      jobs.assertEnqueuedJobs(3, { only: [WelcomeEmailJob, ReminderJob] });
      jobs.assertEnqueuedJobs(1, { except: WelcomeEmailJob });
      jobs.assertEnqueuedJobs(1, { queue: 'mailers' });
      jobs.assertEnqueuedJobs(1, { only: WelcomeEmailJob, queue: 'priority-mailers' });
      jobs.assertEnqueuedJobs(1, { only: (job) => job.args[0] === 3 });
    });

    it('with a callback, counts only what the callback enqueued', async () => {
      await WelcomeEmailJob.performLater(1);
      await jobs.assertEnqueuedJobs(2, async () => {
        await WelcomeEmailJob.performLater(2);
        await ReminderJob.performLater(2, { since, topics: new Set<string>() });
      });
      await jobs.assertEnqueuedJobs(1, { only: ReminderJob }, () => ReminderJob.performLater(3, { since, topics: new Set<string>() }));
    });

    it('fails listing the jobs that were enqueued instead', async () => {
      await WelcomeEmailJob.performLater(1);
      await ReminderJob.set({ wait: '10m' }).performLater(2, { since, topics: new Set(['tips']) });

      const error = captureError(() => jobs.assertEnqueuedJobs(1));
      expect(error).toBeInstanceOf(JobAssertionError);
      expect(failureOf(() => jobs.assertEnqueuedJobs(1)).split('\n')).toEqual([
        'Expected 1 job enqueued, but found 2.',
        'Enqueued jobs (2):',
        '  WelcomeEmailJob(1)  queue: mailers',
        expect.stringMatching(
          /^ {2}ReminderJob\(2, \{ since: 2024-05-01T09:00:00\.000Z, topics: Set\(1\) \{ 'tips' \} \}\)  queue: default  at: \S+Z \(in 10m\)  priority: 5$/,
        ),
      ]);
    });

    it('fails showing which jobs the filter counted and which it left out', async () => {
      await WelcomeEmailJob.performLater(1);
      await ReminderJob.performLater(2, { since, topics: new Set<string>() });

      expect(failureOf(() => jobs.assertEnqueuedJobs(2, { only: WelcomeEmailJob, queue: 'mailers' }))).toBe(
        [
          'Expected 2 jobs enqueued (only: WelcomeEmailJob, queue: mailers), but found 1.',
          'Counted (1):',
          '  WelcomeEmailJob(1)  queue: mailers',
          'Not counted (filtered out) (1):',
          '  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(0) {} })  queue: default  priority: 5',
        ].join('\n'),
      );
    });

    it('with a callback, fails listing only what the callback enqueued', async () => {
      await ReminderJob.performLater(9, { since, topics: new Set<string>() });
      const message = await asyncFailureOf(() => jobs.assertEnqueuedJobs(2, () => WelcomeEmailJob.performLater(1)));
      expect(message).toBe(
        ['Expected 2 jobs enqueued during the callback, but found 1.', 'Enqueued jobs during the callback (1):', '  WelcomeEmailJob(1)  queue: mailers'].join(
          '\n',
        ),
      );
    });

    it('refuses options it does not know and only with except', () => {
      expect(() => jobs.assertEnqueuedJobs(1, { queues: 'mailers' } as never)).toThrow(
        'assertEnqueuedJobs() has no option "queues"; its options are only, except, queue',
      );
      expect(() => jobs.assertEnqueuedJobs(1, { only: WelcomeEmailJob, except: ReminderJob })).toThrow('takes only or except, not both');
      expect(() => jobs.assertEnqueuedJobs(-1)).toThrow('assertEnqueuedJobs() takes a whole number of jobs, got -1');
    });
  });

  describe('assertNoEnqueuedJobs', () => {
    it('passes when nothing (of what the options select) is enqueued', async () => {
      jobs.assertNoEnqueuedJobs();
      await ReminderJob.performLater(2, { since, topics: new Set<string>() });
      jobs.assertNoEnqueuedJobs({ only: WelcomeEmailJob });
      await jobs.assertNoEnqueuedJobs(() => undefined);
      await jobs.assertNoEnqueuedJobs({ queue: 'mailers' }, () => ReminderJob.performLater(3, { since, topics: new Set<string>() }));
    });

    it('fails listing what was enqueued', async () => {
      await WelcomeEmailJob.performLater(1);
      expect(failureOf(() => jobs.assertNoEnqueuedJobs())).toBe(
        ['Expected no jobs enqueued, but found 1.', 'Enqueued jobs (1):', '  WelcomeEmailJob(1)  queue: mailers'].join('\n'),
      );
      const message = await asyncFailureOf(() => jobs.assertNoEnqueuedJobs({ only: WelcomeEmailJob }, () => WelcomeEmailJob.performLater(2)));
      expect(message).toBe(
        ['Expected no jobs enqueued during the callback (only: WelcomeEmailJob), but found 1.', 'Counted (1):', '  WelcomeEmailJob(2)  queue: mailers'].join(
          '\n',
        ),
      );
    });
  });

  describe('assertEnqueuedWith', () => {
    it('finds the job by class, arguments (deserialized), queue and priority, and returns it', async () => {
      await WelcomeEmailJob.performLater(1);
      await ReminderJob.set({ priority: 2 }).performLater(2, { since, topics: new Set(['tips', 'news']) });

      const job = jobs.assertEnqueuedWith(ReminderJob, {
        args: [2, { since: new Date(since), topics: new Set(['news', 'tips']) }],
        queue: 'default',
        priority: 2,
      });
      expect(job.jobId).toEqual(expect.any(String));
      jobs.assertEnqueuedWith(WelcomeEmailJob);
      jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [1], queue: 'mailers', priority: null, at: null });
    });

    it('takes asymmetric matchers and predicates for the arguments', async () => {
      await ReminderJob.performLater(2, { since, topics: new Set(['tips']) });

      jobs.assertEnqueuedWith(ReminderJob, { args: [expect.any(Number), expect.objectContaining({ since: expect.any(Date) })] });
      jobs.assertEnqueuedWith(ReminderJob, { args: ([userId, options]) => userId === 2 && options.topics.has('tips') });
    });

    it('asserts scheduled jobs by their time (at) or their delay (wait), without waiting', async () => {
      await ReminderJob.set({ waitUntil: newYear }).performLater(2, { since, topics: new Set<string>() });
      await WelcomeEmailJob.set({ wait: '10m' }).performLater(1);

      jobs.assertEnqueuedWith(ReminderJob, { at: newYear });
      jobs.assertEnqueuedWith(ReminderJob, { at: newYear.getTime() });
      jobs.assertEnqueuedWith(WelcomeEmailJob, { wait: '10m' });
      jobs.assertEnqueuedWith(WelcomeEmailJob, { wait: 600_000, at: (at) => at !== null && at.getTime() > Date.now() + 9 * 60_000 });
      jobs.assertEnqueuedWith(WelcomeEmailJob, { at: expect.any(Date) });
    });

    it('with a callback, looks only at what the callback enqueued', async () => {
      await WelcomeEmailJob.performLater(1);
      const job = await jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [2] }, () => WelcomeEmailJob.performLater(2));
      expect(job.args).toEqual([2]);
      const message = await asyncFailureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [1] }, () => WelcomeEmailJob.performLater(3)));
      expect(message).toBe(
        [
          'No WelcomeEmailJob enqueued during the callback matches { args: [ 1 ] }.',
          'Enqueued WelcomeEmailJob jobs (1), - expected + received:',
          '  WelcomeEmailJob(3)  queue: mailers',
          '    - args: [ 1 ]',
          '    + args: [ 3 ]',
        ].join('\n'),
      );
    });

    it('fails with a field-by-field diff against each job of the class, and lists the others', async () => {
      await WelcomeEmailJob.performLater(1);
      await WelcomeEmailJob.set({ queue: 'bulk-mailers' }).performLater(42);
      await ReminderJob.performLater(2, { since, topics: new Set<string>() });

      expect(failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [42], queue: 'mailers' }))).toBe(
        [
          "No WelcomeEmailJob enqueued matches { args: [ 42 ], queue: 'mailers' }.",
          'Enqueued WelcomeEmailJob jobs (2), - expected + received:',
          '  WelcomeEmailJob(1)  queue: mailers',
          '    - args: [ 42 ]',
          '    + args: [ 1 ]',
          '  WelcomeEmailJob(42)  queue: bulk-mailers',
          "    - queue: 'mailers'",
          "    + queue: 'bulk-mailers'",
          'Other enqueued jobs (1):',
          '  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(0) {} })  queue: default  priority: 5',
        ].join('\n'),
      );
    });

    it('fails on a scheduled time or delay that differs, showing both', async () => {
      await ReminderJob.set({ waitUntil: newYear }).performLater(2, { since, topics: new Set<string>() });
      await WelcomeEmailJob.set({ wait: '5m' }).performLater(1);

      expect(
        failureOf(() => jobs.assertEnqueuedWith(ReminderJob, { at: new Date('2030-01-02T10:00:00.000Z'), priority: 1 }))
          .split('\n')
          .slice(0, 7),
      ).toEqual([
        "No ReminderJob enqueued matches { at: '2030-01-02T10:00:00.000Z', priority: 1 }.",
        'Enqueued ReminderJob jobs (1), - expected + received:',
        expect.stringMatching(/^ {2}ReminderJob\(2, .*\)  queue: default  at: 2030-01-01T10:00:00\.000Z \(in \S+\)  priority: 5$/),
        '    - priority: 1',
        '    + priority: 5',
        '    - at: 2030-01-02T10:00:00.000Z',
        '    + at: 2030-01-01T10:00:00.000Z',
      ]);
      expect(
        failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { wait: '10m' }))
          .split('\n')
          .slice(3),
      ).toEqual([
        '    - wait: 10m',
        expect.stringMatching(/^ {4}\+ wait: 5m \(at \S+Z\)$/),
        'Other enqueued jobs (1):',
        expect.stringContaining('  ReminderJob(2,'),
      ]);
      expect(
        failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { at: null }))
          .split('\n')
          .slice(3, 5),
      ).toEqual(['    - at: none (runs at once)', expect.stringMatching(/^ {4}\+ at: \S+Z$/)]);
    });

    it('fails saying the class was not enqueued at all, or that nothing was', async () => {
      expect(failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [1] }))).toBe(
        ['No WelcomeEmailJob enqueued matches { args: [ 1 ] }.', 'WelcomeEmailJob was not enqueued.'].join('\n'),
      );
      await ReminderJob.performLater(2, { since, topics: new Set<string>() });
      expect(failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob))).toBe(
        [
          'No WelcomeEmailJob enqueued matches {}.',
          'WelcomeEmailJob was not enqueued.',
          'Other enqueued jobs (1):',
          '  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(0) {} })  queue: default  priority: 5',
        ].join('\n'),
      );
    });

    it('prints asymmetric matchers and predicates readably when they do not match', async () => {
      await WelcomeEmailJob.performLater(1);
      expect(failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [expect.any(String)] })).split('\n')[3]).toBe('    - args: [ Any<String> ]');
      expect(
        failureOf(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { args: ([id]) => id > 1 }))
          .split('\n')
          .slice(0, 5),
      ).toEqual([
        'No WelcomeEmailJob enqueued matches { args: <predicate> }.',
        'Enqueued WelcomeEmailJob jobs (1), - expected + received:',
        '  WelcomeEmailJob(1)  queue: mailers',
        '    - args: args for which the predicate is true',
        '    + args: [ 1 ]',
      ]);
    });

    it('checks the expected arguments against perform() at compile time', () => {
      const typeCheckOnly = () => {
        // @ts-expect-error WelcomeEmailJob.perform takes a number
        jobs.assertEnqueuedWith(WelcomeEmailJob, { args: ['1'] });
        // @ts-expect-error ReminderJob.perform takes two arguments
        jobs.assertEnqueuedWith(ReminderJob, { args: [1, { since, topics: new Set<string>() }, 'extra'] });
        jobs.assertEnqueuedWith(ReminderJob, { args: [1, expect.anything()] });
      };
      expect(typeCheckOnly).toEqual(expect.any(Function));
    });

    it('refuses expectation keys it does not know and invalid times', () => {
      expect(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { arguments: [1] } as never)).toThrow(
        'assertEnqueuedWith() has no option "arguments"; its options are args, queue, priority, at, wait',
      );
      expect(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { at: new Date('nope') })).toThrow(
        'assertEnqueuedWith() at must be a valid Date or epoch milliseconds, got Invalid Date',
      );
      expect(() => jobs.assertEnqueuedWith(WelcomeEmailJob, { wait: 'soon' })).toThrow(
        "assertEnqueuedWith() wait must be milliseconds or a string such as '30s'",
      );
    });
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
