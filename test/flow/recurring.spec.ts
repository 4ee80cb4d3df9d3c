import type { INestApplicationContext } from '@nestjs/common';
import { ApplicationJob, Job, Recurring, RecurringTaskNotFoundError, RecurringTasks } from '../../src/active-job';
import { Schedule } from '../../src/active-job/recurring/schedule';
import { PerformedLog } from '../jobs/performed-log';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { TickJob, UnscheduledJob } from './jobs/tick.job';

describe('recurring tasks in one process', () => {
  const apps: INestApplicationContext[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function app(jobs: Parameters<typeof createJobsApp>[0]['jobs'], prefix: string, worker = true, recurring = {}) {
    const created = await createJobsApp({ jobs, connection: testRedisUrl(), prefix, worker: { enabled: worker }, ...recurring });
    apps.push(created);
    return created;
  }

  it('enqueues on each tick, lists, pauses, resumes and runs a task now', async () => {
    const prefix = uniquePrefix();
    const worker = await app([TickJob], prefix);
    const log = worker.get(PerformedLog);
    await log.waitFor(2);
    expect(log.entries.map((entry) => entry.args[0])).toEqual(['every', 'every']);

    const web = await app([TickJob], prefix, false);
    const tasks = web.get(RecurringTasks);
    const listed = await tasks.list();
    expect(listed.map((task) => [task.key, task.jobClass, task.schedule, task.tz, task.args, task.paused])).toEqual([
      ['tick-every-second', 'TickJob', 'every 1s', 'UTC', ['every'], false],
      ['tick-weekday-mornings', 'TickJob', '0 9 * * 1-5', 'Europe/Paris', ['morning'], false],
    ]);
    expect(listed[0].nextRunAt!.getTime() % 1_000).toBe(0);
    expect(listed[0].lastRunAt).toBeInstanceOf(Date);
    expect(listed[1].lastRunAt).toBeNull();

    await tasks.pause('tick-every-second');
    const paused = (await tasks.list())[0];
    expect(paused).toMatchObject({ paused: true, nextRunAt: null });
    const countWhenPaused = log.entries.length;
    // Two ticks later, nothing more ran (one tick may have been enqueued as the pause landed).
    await waitUntil(async () => Date.now() > paused.lastRunAt!.getTime() + 2_500, 5_000, 'two ticks');
    expect(log.entries.length).toBeLessThanOrEqual(countWhenPaused + 1);

    const now = await tasks.runNow('tick-weekday-mornings');
    await waitUntil(() => log.entries.some((entry) => entry.jobId === now.jobId), 5_000, 'the task run now');
    expect((await tasks.list())[1].lastRunAt).toBeNull(); // runNow is not a tick

    const before = log.entries.length;
    await tasks.resume('tick-every-second');
    await log.waitFor(before + 1);
    await expect(tasks.pause('nope')).rejects.toThrow(new RecurringTaskNotFoundError('nope', ['tick-every-second', 'tick-weekday-mornings']));
  });

  it('replaces the stored tasks with those of the last deployment to start, leaving none behind', async () => {
    const prefix = uniquePrefix();
    const first = await app([TickJob], prefix);
    expect((await first.get(RecurringTasks).list()).map((task) => task.key)).toEqual(['tick-every-second', 'tick-weekday-mornings']);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const second = await app([UnscheduledJob], prefix, true, { recurring: [{ key: 'hourly', job: UnscheduledJob, cron: '0 * * * *' }] });
    await waitUntil(async () => (await second.get(RecurringTasks).list()).length === 1, 5_000, 'the stored tasks to be replaced');
    expect((await second.get(RecurringTasks).list()).map((task) => [task.key, task.jobClass, task.schedule])).toEqual([
      ['hourly', 'UnscheduledJob', '0 * * * *'],
    ]);
  });

  it.each<[string, string | object, object, RegExp]>([
    ['a bad cron expression', '61 * * * *', {}, /invalid cron expression "61 \* \* \* \*"/],
    ['a bad time zone', '0 9 * * *', { tz: 'Mars/Olympus' }, /tz must be an IANA time zone such as 'Europe\/Paris', got "Mars\/Olympus"/],
    ['a too short interval', { every: '10ms' }, {}, /every must be at least 1s/],
    ['an unknown option', '0 9 * * *', { timezone: 'UTC' }, /unknown option "timezone"/],
  ])('refuses %s at startup', async (_what, schedule, options, message) => {
    @Recurring(schedule as string, options)
    @Job()
    class BadScheduleJob extends ApplicationJob {
      perform(): void {}
    }
    await expect(createJobsApp({ jobs: [BadScheduleJob], adapter: 'test' })).rejects.toThrow(message);
  });

  it('refuses two tasks with the same key', async () => {
    @Recurring('0 9 * * *')
    @Recurring('0 10 * * *')
    @Job()
    class TwiceJob extends ApplicationJob {
      perform(): void {}
    }
    await expect(createJobsApp({ jobs: [TwiceJob], adapter: 'test' })).rejects.toThrow('Two recurring tasks have the key "TwiceJob"');
  });
});

describe('Schedule', () => {
  it('reads a cron expression in its time zone, across a DST change', () => {
    const paris = Schedule.parse('30 9 * * *', undefined, 'Europe/Paris', 'test');
    // 28 March 2026 is the last day of CET (UTC+1), 29 March the first of CEST (UTC+2).
    expect(new Date(paris.next(Date.parse('2026-03-28T00:00:00Z'))).toISOString()).toBe('2026-03-28T08:30:00.000Z');
    expect(new Date(paris.next(Date.parse('2026-03-29T00:00:00Z'))).toISOString()).toBe('2026-03-29T07:30:00.000Z');
  });

  it('runs a daily time of a repeated hour once, the first time, on the fall-back day', () => {
    const paris = Schedule.parse('30 2 * * *', undefined, 'Europe/Paris', 'test');
    const first = paris.next(Date.parse('2026-10-24T12:00:00Z'));
    expect(new Date(first).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(new Date(paris.next(first)).toISOString()).toBe('2026-10-26T01:30:00.000Z'); // next day, 02:30 CET
  });

  it('puts interval ticks on multiples of the interval, strictly after the given time', () => {
    const every = Schedule.parse(undefined, '5m', undefined, 'test');
    expect(every.next(0)).toBe(300_000);
    expect(every.next(300_000)).toBe(600_000);
    expect(every.next(299_999)).toBe(300_000);
  });
});

describe('recurring tasks in the module options', () => {
  @Job()
  class CleanupJob extends ApplicationJob {
    perform(): void {}
  }

  it.each([
    ['not an array', { recurring: 'hourly' }, /ActiveJobModule option recurring must be an array of tasks/],
    ['a task without key', { recurring: [{ job: CleanupJob, cron: '0 * * * *' }] }, /recurring\[0\]: key is required in module options/],
    [
      'both cron and every',
      { recurring: [{ key: 'c', job: CleanupJob, cron: '0 * * * *', every: '1h' }] },
      /recurring\[0\] \(c\) needs either cron or every, not both/,
    ],
    ['neither cron nor every', { recurring: [{ key: 'c', job: CleanupJob }] }, /recurring\[0\] \(c\) needs a cron expression or every/],
  ])('refuses %s', async (_what, options, message) => {
    await expect(createJobsApp({ jobs: [CleanupJob], adapter: 'test', ...(options as object) })).rejects.toThrow(message);
  });

  it('runs module-declared tasks on the async adapter too', async () => {
    @Job()
    class EverySecondJob extends ApplicationJob {
      constructor(private readonly log: PerformedLog) {
        super();
      }
      perform(label: string): void {
        this.log.record({ job: 'EverySecondJob', args: [label] });
      }
    }
    const app = await createJobsApp({ jobs: [EverySecondJob], adapter: 'async', recurring: [{ key: 'sec', job: EverySecondJob, every: '1s', args: ['x'] }] });
    await app.get(PerformedLog).waitFor(2);
    expect(app.get(PerformedLog).entries.map((entry) => entry.args)).toEqual([['x'], ['x']]);
    expect((await app.get(RecurringTasks).list()).map((task) => task.key)).toEqual(['sec']);
    await app.close();
  });
});
