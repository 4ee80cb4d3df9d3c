import { activeJobMatchers } from '../../src/active-job/testing';
import '../../src/active-job/testing/jest';
import { ReminderJob } from './jobs/reminder.job';
import { WelcomeEmailJob } from './jobs/welcome-email.job';
import { failureOf } from './support/failure-of';
import { createTestingApp, type TestingApp } from './support/testing-app';

expect.extend(activeJobMatchers);

const since = new Date('2024-05-01T09:00:00.000Z');

describe('Jest matchers', () => {
  let testing: TestingApp;

  beforeEach(async () => {
    testing = await createTestingApp();
  });
  afterEach(() => testing.moduleRef.close());

  describe('toHaveBeenEnqueued', () => {
    it('passes when a job of the class is enqueued, and .not when none is', async () => {
      expect(WelcomeEmailJob).not.toHaveBeenEnqueued();
      await WelcomeEmailJob.performLater(1);
      expect(WelcomeEmailJob).toHaveBeenEnqueued();
      expect(ReminderJob).not.toHaveBeenEnqueued();
    });

    it('fails listing what was enqueued instead', async () => {
      expect(failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueued())).toBe(
        ['expect(WelcomeEmailJob).toHaveBeenEnqueued()', '', 'Expected WelcomeEmailJob to have been enqueued, but it was not.', 'No jobs were enqueued.'].join(
          '\n',
        ),
      );
      await ReminderJob.performLater(2, { since, topics: new Set(['tips']) });
      expect(failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueued())).toBe(
        [
          'expect(WelcomeEmailJob).toHaveBeenEnqueued()',
          '',
          'Expected WelcomeEmailJob to have been enqueued, but it was not.',
          'Enqueued jobs (1):',
          "  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(1) { 'tips' } })  queue: default  priority: 5",
        ].join('\n'),
      );
    });

    it('.not fails listing the jobs that were enqueued', async () => {
      await WelcomeEmailJob.performLater(1);
      await WelcomeEmailJob.performLater(2);
      expect(failureOf(() => expect(WelcomeEmailJob).not.toHaveBeenEnqueued())).toBe(
        [
          'expect(WelcomeEmailJob).not.toHaveBeenEnqueued()',
          '',
          'Expected WelcomeEmailJob not to have been enqueued, but it was enqueued 2 times:',
          '  WelcomeEmailJob(1)  queue: mailers',
          '  WelcomeEmailJob(2)  queue: mailers',
        ].join('\n'),
      );
    });

    it('refuses what is not a job class', () => {
      expect(() => expect('WelcomeEmailJob').toHaveBeenEnqueued()).toThrow(
        'expect(received).toHaveBeenEnqueued(): received must be a job class (one that extends ApplicationJob), got "WelcomeEmailJob"',
      );
    });
  });

  describe('toHaveBeenEnqueuedWith', () => {
    it('matches the deserialized arguments, with asymmetric matchers', async () => {
      await ReminderJob.performLater(2, { since, topics: new Set(['tips']) });
      expect(ReminderJob).toHaveBeenEnqueuedWith(2, { since: new Date(since), topics: new Set(['tips']) });
      expect(ReminderJob).toHaveBeenEnqueuedWith(expect.any(Number), expect.objectContaining({ topics: expect.any(Set) }));
      expect(ReminderJob).not.toHaveBeenEnqueuedWith(3, { since, topics: new Set(['tips']) });
    });

    it('fails with a diff of the arguments against each enqueued job of the class', async () => {
      await WelcomeEmailJob.performLater(1);
      await WelcomeEmailJob.set({ queue: 'bulk-mailers' }).performLater(2);

      expect(failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(42))).toBe(
        [
          'expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(...args)',
          '',
          'Expected arguments: [42]',
          'WelcomeEmailJob was enqueued 2 times, with other arguments:',
          '',
          '1. WelcomeEmailJob(1)  queue: mailers',
          '- Expected',
          '+ Received',
          '',
          '  Array [',
          '-   42,',
          '+   1,',
          '  ]',
          '',
          '2. WelcomeEmailJob(2)  queue: bulk-mailers',
          '- Expected',
          '+ Received',
          '',
          '  Array [',
          '-   42,',
          '+   2,',
          '  ]',
        ].join('\n'),
      );
    });

    it('fails saying the class was not enqueued at all, and .not fails naming the matching job', async () => {
      await ReminderJob.performLater(2, { since, topics: new Set<string>() });
      expect(
        failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(1))
          .split('\n')
          .slice(2),
      ).toEqual([
        'Expected arguments: [1]',
        'WelcomeEmailJob was not enqueued at all.',
        'Enqueued jobs (1):',
        '  ReminderJob(2, { since: 2024-05-01T09:00:00.000Z, topics: Set(0) {} })  queue: default  priority: 5',
      ]);
      await WelcomeEmailJob.performLater(1);
      expect(failureOf(() => expect(WelcomeEmailJob).not.toHaveBeenEnqueuedWith(1))).toBe(
        [
          'expect(WelcomeEmailJob).not.toHaveBeenEnqueuedWith(...args)',
          '',
          'Expected WelcomeEmailJob not to have been enqueued with these arguments, but it was:',
          'Expected arguments: [1]',
          '  WelcomeEmailJob(1)  queue: mailers',
        ].join('\n'),
      );
    });

    it('checks the arguments against perform() at compile time', () => {
      const typeCheckOnly = () => {
        // @ts-expect-error WelcomeEmailJob.perform takes a number
        expect(WelcomeEmailJob).toHaveBeenEnqueuedWith('1');
        // @ts-expect-error ReminderJob.perform's options need since and topics
        expect(ReminderJob).toHaveBeenEnqueuedWith(1, { since });
        expect(ReminderJob).toHaveBeenEnqueuedWith(1, expect.anything());
      };
      expect(typeCheckOnly).toEqual(expect.any(Function));
    });
  });

  describe('toHaveBeenEnqueuedOn', () => {
    it('passes when a job of the class is enqueued on that queue', async () => {
      await WelcomeEmailJob.set({ queue: 'bulk-mailers' }).performLater(1);
      expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('bulk-mailers');
      expect(WelcomeEmailJob).not.toHaveBeenEnqueuedOn('mailers');
    });

    it('fails naming the queues it was enqueued on instead', async () => {
      await WelcomeEmailJob.set({ queue: 'bulk-mailers' }).performLater(1);
      await WelcomeEmailJob.set({ queue: 'slow-mailers' }).performLater(2);
      expect(failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('mailers'))).toBe(
        [
          'expect(WelcomeEmailJob).toHaveBeenEnqueuedOn(queue)',
          '',
          'Expected queue: "mailers"',
          'Received queues: "bulk-mailers", "slow-mailers"',
          '  WelcomeEmailJob(1)  queue: bulk-mailers',
          '  WelcomeEmailJob(2)  queue: slow-mailers',
        ].join('\n'),
      );
      expect(
        failureOf(() => expect(ReminderJob).toHaveBeenEnqueuedOn('default'))
          .split('\n')
          .slice(2, 4),
      ).toEqual(['Expected queue: "default"', 'ReminderJob was not enqueued at all.']);
      expect(
        failureOf(() => expect(WelcomeEmailJob).not.toHaveBeenEnqueuedOn('slow-mailers'))
          .split('\n')
          .slice(2),
      ).toEqual(['Expected WelcomeEmailJob not to have been enqueued on "slow-mailers", but it was:', '  WelcomeEmailJob(2)  queue: slow-mailers']);
    });
  });

  describe('toHaveBeenEnqueuedTimes', () => {
    it('counts the enqueued jobs of the class', async () => {
      expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(0);
      await WelcomeEmailJob.performAllLater([[1], [2]]);
      expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(2);
      expect(WelcomeEmailJob).not.toHaveBeenEnqueuedTimes(1);
    });

    it('fails with the count it found and the jobs', async () => {
      await WelcomeEmailJob.performLater(1);
      expect(failureOf(() => expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(2))).toBe(
        [
          'expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(count)',
          '',
          'Expected WelcomeEmailJob to have been enqueued 2 times',
          'Received: 1 time',
          '  WelcomeEmailJob(1)  queue: mailers',
        ].join('\n'),
      );
      expect(
        failureOf(() => expect(WelcomeEmailJob).not.toHaveBeenEnqueuedTimes(1))
          .split('\n')
          .slice(2, 4),
      ).toEqual(['Expected WelcomeEmailJob not to have been enqueued 1 time', 'Received: 1 time']);
    });
  });

  it('read the helper of the most recently obtained application', async () => {
    const other = await createTestingApp();
    try {
      await WelcomeEmailJob.performLater(1);
      expect(other.jobs.enqueuedJobs).toHaveLength(1);
      expect(testing.jobs.enqueuedJobs).toHaveLength(0);
      expect(WelcomeEmailJob).toHaveBeenEnqueuedTimes(1);
    } finally {
      await other.moduleRef.close();
    }
  });
});
