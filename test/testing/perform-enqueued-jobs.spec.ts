import { type JobTestHelper, MAX_NESTED_JOBS } from '../../src/active-job/testing';
import { NewsletterJob } from './jobs/newsletter.job';
import { OnboardingJob } from './jobs/onboarding.job';
import { ReminderJob } from './jobs/reminder.job';
import { RunawayJob } from './jobs/runaway.job';
import { UnstableMailerJob } from './jobs/unstable-mailer.job';
import { WelcomeEmailJob } from './jobs/welcome-email.job';
import { asyncFailureOf, failureOf } from './support/failure-of';
import { createTestingApp, type TestingApp } from './support/testing-app';

const since = new Date('2024-05-01T09:00:00.000Z');
const ONE_DAY = 24 * 3600 * 1000;

describe('performing enqueued jobs', () => {
  let testing: TestingApp;
  let jobs: JobTestHelper;

  beforeEach(async () => {
    testing = await createTestingApp();
    jobs = testing.jobs;
  });
  afterEach(() => testing.moduleRef.close());

  const sent = () => testing.outbox.sent.map((email) => `${email.kind} to ${email.to}`);

  describe('performEnqueuedJobs()', () => {
    it('performs every enqueued job through DI and perform(), moving it to performedJobs', async () => {
      await WelcomeEmailJob.performLater(1);
      await WelcomeEmailJob.performLater(2);

      await expect(jobs.performEnqueuedJobs()).resolves.toBe(2);

      expect(sent()).toEqual(['welcome to 1', 'welcome to 2']);
      expect(jobs.enqueuedJobs).toEqual([]);
      expect(jobs.performedJobs.map((job) => [job.jobClass, job.args, job.executions])).toEqual([
        ['WelcomeEmailJob', [1], 1],
        ['WelcomeEmailJob', [2], 1],
      ]);
    });

    it('performs the jobs that performed jobs enqueue, scheduled ones included, without waiting', async () => {
      await OnboardingJob.performLater(7);
      const startedAt = Date.now();

      await expect(jobs.performEnqueuedJobs()).resolves.toBe(3);

      expect(Date.now() - startedAt).toBeLessThan(2_000);
      expect(sent()).toEqual(['welcome to 7', 'reminder:tips to 7']);
    });

    it('with at, performs only the jobs due by then; later ones stay enqueued until a later at', async () => {
      await OnboardingJob.performLater(7);

      await jobs.performEnqueuedJobs({ at: Date.now() });
      expect(sent()).toEqual(['welcome to 7']);
      jobs.assertEnqueuedWith(ReminderJob, { args: [7, expect.anything()], wait: '1d' });

      await jobs.performEnqueuedJobs({ at: new Date(Date.now() + ONE_DAY / 2) });
      expect(sent()).toEqual(['welcome to 7']);

      await expect(jobs.performEnqueuedJobs({ at: Date.now() + ONE_DAY + 60_000 })).resolves.toBe(1);
      expect(sent()).toEqual(['welcome to 7', 'reminder:tips to 7']);
      jobs.assertNoEnqueuedJobs();
    });

    it('performs only the jobs that only, except and queue select', async () => {
      await WelcomeEmailJob.performLater(1);
      await WelcomeEmailJob.set({ queue: 'bulk-mailers' }).performLater(2);
      await ReminderJob.performLater(3, { since, topics: new Set(['news']) });

      await jobs.performEnqueuedJobs({ only: WelcomeEmailJob, queue: 'bulk-mailers' });
      expect(sent()).toEqual(['welcome to 2']);
      await jobs.performEnqueuedJobs({ except: WelcomeEmailJob });
      expect(sent()).toEqual(['welcome to 2', 'reminder:news to 3']);
      jobs.assertEnqueuedJobs(1, { only: WelcomeEmailJob, queue: 'mailers' });
    });

    it('retries a failing job after its backoff, as Bull would, until it succeeds', async () => {
      await UnstableMailerJob.performLater(5, 2);

      await expect(jobs.performEnqueuedJobs()).resolves.toBe(3);

      expect(sent()).toEqual(['unstable:run 3 to 5']);
      expect(jobs.performedJobsOf(UnstableMailerJob).map((job) => job.executions)).toEqual([1, 2, 3]);
    });

    it('leaves a retry enqueued at its backoff when at says it is not due yet', async () => {
      await UnstableMailerJob.performLater(5, 1);

      await jobs.performEnqueuedJobs({ at: Date.now() });

      const [retry] = jobs.enqueuedJobsOf(UnstableMailerJob);
      expect(retry.executions).toBe(2);
      expect(retry.at!.getTime()).toBeGreaterThanOrEqual(Date.now() + 55_000);
      expect(sent()).toEqual([]);
      await jobs.performEnqueuedJobs({ at: Date.now() + 60_000 });
      expect(sent()).toEqual(['unstable:run 2 to 5']);
    });

    it("rejects with the job's error once its attempts are spent", async () => {
      await UnstableMailerJob.performLater(5, 10);
      await expect(jobs.performEnqueuedJobs()).rejects.toThrow('SMTP unavailable (run 3)');
      expect(jobs.performedJobs).toHaveLength(3);
    });

    it('runs callbacks and @RetryOn: each retry is enqueued after its wait and performed in turn', async () => {
      await NewsletterJob.performLater(5, 'busy-twice');

      await expect(jobs.performEnqueuedJobs()).resolves.toBe(3);

      expect(sent()).toEqual(['newsletter run 1 to 0', 'newsletter run 2 to 0', 'newsletter run 3 to 0', 'newsletter to 5']);
      expect(jobs.performedJobsOf(NewsletterJob).map((job) => [job.executions, job.at === null ? 'now' : 'later'])).toEqual([
        [1, 'now'],
        [2, 'later'],
        [3, 'later'],
      ]);
    });

    it('with at, leaves a @RetryOn retry enqueued at its wait, where assertEnqueuedWith finds it', async () => {
      await NewsletterJob.performLater(5, 'busy-twice');

      await jobs.performEnqueuedJobs({ at: Date.now() });

      const retry = jobs.assertEnqueuedWith(NewsletterJob, { args: [5, 'busy-twice'], wait: '5m' });
      expect(retry.executions).toBe(2);
      expect(retry.jobId).toBe(jobs.performedJobs[0].jobId);
    });

    it('@DiscardOn discards the job without failing performEnqueuedJobs; spent retries reject it', async () => {
      await NewsletterJob.performLater(5, 'unsubscribed');
      await expect(jobs.performEnqueuedJobs()).resolves.toBe(1);
      expect(sent()).toEqual(['newsletter run 1 to 0', 'newsletter discarded: UnsubscribedError to 0']);

      await NewsletterJob.performLater(6, 'busy-always');
      await expect(jobs.performEnqueuedJobs()).rejects.toThrow('421 try again later');
      jobs.assertPerformedJobs(4, { only: NewsletterJob });
    });

    it('stops a job that enqueues itself without end, saying so', async () => {
      await RunawayJob.performLater(1);
      await expect(jobs.performEnqueuedJobs()).rejects.toThrow(
        `RunawayJob was enqueued by jobs nested ${MAX_NESTED_JOBS} deep (…RunawayJob → RunawayJob → RunawayJob → RunawayJob): ` +
          'does a job enqueue itself without end? The test adapter stops here.',
      );
      expect(jobs.performedJobs).toHaveLength(MAX_NESTED_JOBS);
    });

    it('refuses an invalid at', async () => {
      await expect(jobs.performEnqueuedJobs({ at: new Date(Number.NaN) })).rejects.toThrow(
        'performEnqueuedJobs() at must be a valid Date or epoch milliseconds, got Invalid Date',
      );
    });
  });

  describe('performEnqueuedJobs(callback)', () => {
    it('performs each job the callback enqueues at enqueue, and returns what the callback returns', async () => {
      await WelcomeEmailJob.performLater(1);

      const result = await jobs.performEnqueuedJobs(async () => {
        await WelcomeEmailJob.performLater(2);
        expect(sent()).toEqual(['welcome to 2']);
        return 'done';
      });

      expect(result).toBe('done');
      jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [1] });
      await WelcomeEmailJob.performLater(3);
      expect(sent()).toEqual(['welcome to 2']);
    });

    it('performs what performed jobs enqueue, and only jobs the options select', async () => {
      await jobs.performEnqueuedJobs(() => OnboardingJob.performLater(1));
      expect(sent()).toEqual(['welcome to 1', 'reminder:tips to 1']);

      await jobs.performEnqueuedJobs({ at: Date.now() }, () => OnboardingJob.performLater(2));
      expect(sent()).toEqual(['welcome to 1', 'reminder:tips to 1', 'welcome to 2']);
      jobs.assertEnqueuedWith(ReminderJob, { args: [2, expect.anything()], wait: '1d' });

      await jobs.performEnqueuedJobs({ except: WelcomeEmailJob }, () => OnboardingJob.performLater(3));
      jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [3] });
    });

    it('lets a job error reach the code that enqueued it once attempts are spent', async () => {
      await expect(jobs.performEnqueuedJobs(() => UnstableMailerJob.performLater(5, 10))).rejects.toThrow('SMTP unavailable (run 3)');
      await expect(jobs.performEnqueuedJobs(() => RunawayJob.performLater(1))).rejects.toThrow('does a job enqueue itself without end?');
    });
  });

  describe('assertPerformedJobs', () => {
    it('counts performed jobs, or with a callback performs and counts the jobs it enqueues', async () => {
      jobs.assertPerformedJobs(0);
      await WelcomeEmailJob.performLater(1);
      await jobs.performEnqueuedJobs();
      jobs.assertPerformedJobs(1);
      jobs.assertPerformedJobs(1, { queue: 'mailers' });
      jobs.assertPerformedJobs(0, { except: WelcomeEmailJob });

      await jobs.assertPerformedJobs(3, () => OnboardingJob.performLater(2));
      await jobs.assertPerformedJobs(1, { only: OnboardingJob }, () => OnboardingJob.performLater(3));
      expect(sent()).toEqual(['welcome to 1', 'welcome to 2', 'reminder:tips to 2']);
      jobs.assertEnqueuedJobs(2);
    });

    it('fails listing what was performed and what is still enqueued', async () => {
      await WelcomeEmailJob.performLater(1);
      await jobs.performEnqueuedJobs();
      await ReminderJob.performLater(2, { since, topics: new Set<string>() });

      expect(failureOf(() => jobs.assertPerformedJobs(2))).toBe(
        [
          'Expected 2 jobs performed, but found 1.',
          'Performed jobs (1):',
          '  WelcomeEmailJob(1)  queue: mailers',
          'Still enqueued, not performed (1):',
          '  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(0) {} })  queue: default  priority: 5',
        ].join('\n'),
      );
      const message = await asyncFailureOf(() => jobs.assertPerformedJobs(1, { only: ReminderJob }, () => WelcomeEmailJob.performLater(3)));
      expect(message).toBe(
        [
          'Expected 1 job performed during the callback (only: ReminderJob), but found 0.',
          'No jobs were performed during the callback.',
          'Still enqueued, not performed (2):',
          '  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(0) {} })  queue: default  priority: 5',
          '  WelcomeEmailJob(3)  queue: mailers',
        ].join('\n'),
      );
    });
  });

  describe('assertNoPerformedJobs', () => {
    it('passes while nothing (of what the options select) was performed', async () => {
      await WelcomeEmailJob.performLater(1);
      jobs.assertNoPerformedJobs();
      await jobs.assertNoPerformedJobs({ only: ReminderJob }, () => WelcomeEmailJob.performLater(2));
      expect(sent()).toEqual([]);
      jobs.assertEnqueuedJobs(2, { only: WelcomeEmailJob });
    });

    it('fails listing what was performed', async () => {
      await jobs.performEnqueuedJobs(() => WelcomeEmailJob.performLater(1));
      expect(failureOf(() => jobs.assertNoPerformedJobs())).toBe(
        ['Expected no jobs performed, but found 1.', 'Performed jobs (1):', '  WelcomeEmailJob(1)  queue: mailers'].join('\n'),
      );
      const message = await asyncFailureOf(() => jobs.assertNoPerformedJobs(() => WelcomeEmailJob.performLater(2)));
      expect(message).toBe(
        [
          'Expected no jobs performed during the callback, but found 1.',
          'Performed jobs during the callback (1):',
          '  WelcomeEmailJob(2)  queue: mailers',
        ].join('\n'),
      );
    });
  });

  describe('assertPerformedWith', () => {
    it('finds a performed job by class, arguments, queue and time', async () => {
      await WelcomeEmailJob.performLater(1);
      await jobs.performEnqueuedJobs();
      jobs.assertPerformedWith(WelcomeEmailJob, { args: [1], queue: 'mailers', at: null });

      const reminder = await jobs.assertPerformedWith(ReminderJob, { args: [2, { since: new Date(0), topics: new Set(['tips']) }], wait: '1d' }, () =>
        OnboardingJob.performLater(2),
      );
      expect(reminder.executions).toBe(1);
      expect(jobs.performedJobs).toHaveLength(4);
    });

    it('fails with a diff against the performed jobs of the class, and what is still enqueued', async () => {
      await jobs.performEnqueuedJobs(() => WelcomeEmailJob.performLater(1));
      await WelcomeEmailJob.performLater(2);

      expect(failureOf(() => jobs.assertPerformedWith(WelcomeEmailJob, { args: [2] }))).toBe(
        [
          'No WelcomeEmailJob performed matches { args: [ 2 ] }.',
          'Performed WelcomeEmailJob jobs (1), - expected + received:',
          '  WelcomeEmailJob(1)  queue: mailers',
          '    - args: [ 2 ]',
          '    + args: [ 1 ]',
          'Still enqueued, not performed (1):',
          '  WelcomeEmailJob(2)  queue: mailers',
        ].join('\n'),
      );
      const message = await asyncFailureOf(() => jobs.assertPerformedWith(ReminderJob, () => WelcomeEmailJob.performLater(3)));
      expect(message).toBe(
        [
          'No ReminderJob performed during the callback matches {}.',
          'ReminderJob was not performed during the callback.',
          'Other performed jobs during the callback (1):',
          '  WelcomeEmailJob(3)  queue: mailers',
          'Still enqueued, not performed (1):',
          '  WelcomeEmailJob(2)  queue: mailers',
        ].join('\n'),
      );
    });
  });

  it('clearPerformedJobs and clear forget what was performed and enqueued', async () => {
    await jobs.performEnqueuedJobs(() => WelcomeEmailJob.performLater(1));
    await WelcomeEmailJob.performLater(2);
    jobs.clearPerformedJobs();
    jobs.assertNoPerformedJobs();
    jobs.assertEnqueuedJobs(1);
    jobs.clear();
    jobs.assertNoEnqueuedJobs();
  });
});
