import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ApplicationJob, Job, type ActiveJobModuleOptions } from '../../src/active-job';
import { PerformedLog, type PerformedEntry } from '../jobs/performed-log';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { AccountExportJob, AccountReportJob, DoomedJob, FlakyCrmJob, LimitedJob, SingletonJob, SyncJob, ThrottledJob } from './jobs/flow.jobs';

const JOBS = [AccountReportJob, SyncJob, ThrottledJob, LimitedJob, SingletonJob, FlakyCrmJob, AccountExportJob, DoomedJob];

/** The most runs of `account` that overlapped, from recorded start and end times. */
export function maxOverlap(entries: PerformedEntry[], account: string): number {
  const events = entries
    .filter((entry) => entry.job.startsWith('LimitedJob:') && entry.args[0] === account)
    .map((entry) => ({ at: entry.args[2] as number, delta: entry.job.endsWith(':start') ? 1 : -1 }))
    .sort((a, b) => a.at - b.at || a.delta - b.delta); // an end at the same ms as a start comes first
  let running = 0;
  let max = 0;
  for (const { delta } of events) max = Math.max(max, (running += delta));
  return max;
}

describe.each<[string, () => ActiveJobModuleOptions]>([
  ['bull', () => ({ connection: testRedisUrl(), prefix: uniquePrefix() })],
  ['async', () => ({ adapter: 'async' })],
])('unique jobs on the %s adapter', (adapterName, options) => {
  const apps: INestApplicationContext[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function app(extra: ActiveJobModuleOptions = {}): Promise<INestApplicationContext> {
    const created = await createJobsApp({ jobs: JOBS, ...options(), ...extra });
    apps.push(created);
    return created;
  }

  if (adapterName === 'bull') {
    it('stores one job for 50 concurrent duplicate enqueues, each caller getting the stored job’s handle', async () => {
      const web = await app();
      const handles = await Promise.all(Array.from({ length: 50 }, () => AccountReportJob.performLater(7)));
      const queue = web.get<Queue>(getQueueToken('unique'), { strict: false });
      expect((await queue.getJobCounts()).waiting).toBe(1);
      const [stored] = await queue.getWaiting();
      expect(handles.filter((handle) => !handle.duplicate)).toHaveLength(1);
      for (const handle of handles) expect(handle).toMatchObject({ jobId: stored.data.id, providerJobId: String(stored.id), queueName: 'unique' });
      expect(handles.filter((handle) => handle.duplicate)).toHaveLength(49);
      // Another key is another job.
      expect((await AccountReportJob.performLater(8)).duplicate).toBeUndefined();
      expect((await queue.getJobCounts()).waiting).toBe(2);
    });
  }

  it('lets the next job in once the first has finished (until: finished)', async () => {
    const worker = await app({ worker: { enabled: true } });
    const log = worker.get(PerformedLog);
    const first = await AccountReportJob.performLater(1);
    await log.waitFor(1);
    await waitUntil(async () => !(await AccountReportJob.performLater(1)).duplicate, 5_000, 'the lock to go once the job finished');
    await log.waitFor(2);
    expect(log.entries[1].jobId).not.toBe(first.jobId);
  });

  it('releases the lock when the job starts (until: started), so one may wait while another runs', async () => {
    const worker = await app({ worker: { enabled: true } });
    const log = worker.get(PerformedLog);
    const first = await SyncJob.performLater('crm');
    await log.waitFor(1);
    expect(log.entries[0].jobId).toBe(first.jobId);
    const second = await SyncJob.performLater('crm');
    expect(second.duplicate).toBeUndefined();
    expect((await SyncJob.performLater('crm')).jobId).toBe(second.jobId);
    SyncJob.release!();
    await log.waitFor(2);
    SyncJob.release!();
  });

  it('keeps the lock through a retry, pointing duplicates at the retry, and releases it once the retry succeeds', async () => {
    const worker = await app({ worker: { enabled: true } });
    const log = worker.get(PerformedLog);
    const first = await FlakyCrmJob.performLater(5);
    await log.waitFor(1);
    // The first run failed and its retry waits 1 s: the key is still taken, by the same job, now its retry's Bull job.
    if (adapterName === 'bull') {
      await waitUntil(async () => (await FlakyCrmJob.performLater(5)).providerJobId !== first.providerJobId, 5_000, 'the lock to point at the retry');
    }
    expect(await FlakyCrmJob.performLater(5)).toMatchObject({ duplicate: true, jobId: first.jobId });
    await log.waitFor(2);
    expect(log.entries.map((entry) => entry.executions)).toEqual([1, 2]);
    await waitUntil(async () => !(await FlakyCrmJob.performLater(5)).duplicate, 5_000, 'the lock to go after the retry succeeded');
  });

  it('keeps the lock between attempts and releases it after the last one failed', async () => {
    const worker = await app({ worker: { enabled: true } });
    const log = worker.get(PerformedLog);
    const first = await DoomedJob.performLater('nightly');
    await log.waitFor(1);
    expect(await DoomedJob.performLater('nightly')).toMatchObject({ duplicate: true, jobId: first.jobId }); // attempt 2 is coming
    await log.waitFor(2);
    await waitUntil(async () => !(await DoomedJob.performLater('nightly')).duplicate, 5_000, 'the lock to go after the final failure');
  });

  it('keeps a throttle lock for its whole window (until: enqueued), then lets the next one in', async () => {
    await app();
    const first = await ThrottledJob.performLater('digest');
    expect((await ThrottledJob.performLater('digest')).duplicate).toBe(true);
    await waitUntil(async () => !(await ThrottledJob.performLater('digest')).duplicate, 5_000, 'the 300 ms window to pass');
    expect(first.duplicate).toBeUndefined();
  });
});

describe.each<[string, () => ActiveJobModuleOptions]>([
  ['bull', () => ({ connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true, concurrency: 5 } })],
  ['async', () => ({ adapter: 'async', worker: { concurrency: 5 } })],
])('concurrency limits on the %s adapter', (adapterName, options) => {
  let app: INestApplicationContext;
  let log: PerformedLog;

  beforeEach(async () => {
    app = await createJobsApp({ jobs: JOBS, ...options() });
    log = app.get(PerformedLog);
  });

  afterEach(() => app.close());

  it('runs at most `to` jobs of a key at once; blocked ones run later without spending an attempt', async () => {
    await Promise.all([
      ...['1', '2', '3', '4', '5', '6'].map((label) => LimitedJob.performLater('acme', label)),
      ...['1', '2'].map((label) => LimitedJob.performLater('globex', label)),
    ]);
    await log.waitFor(16, 20_000);
    expect(maxOverlap(log.entries, 'acme')).toBe(2);
    expect(maxOverlap(log.entries, 'globex')).toBeLessThanOrEqual(2);
    const starts = log.entries.filter((entry) => entry.job === 'LimitedJob:start');
    expect(starts.map((entry) => entry.args.slice(0, 2).join('')).sort()).toEqual(['acme1', 'acme2', 'acme3', 'acme4', 'acme5', 'acme6', 'globex1', 'globex2']);
    expect(starts.every((entry) => entry.executions === 1)).toBe(true);
  });

  it('keeps a blocked unique job’s lock while it waits, and releases it once the job ran', async () => {
    const slow = await AccountExportJob.performLater('acme', 'slow');
    await log.waitFor(1);
    const waiting = await AccountExportJob.performLater('acme', 'daily');
    expect(await AccountExportJob.performLater('acme', 'daily')).toMatchObject({ duplicate: true, jobId: waiting.jobId });
    AccountExportJob.release!();
    await log.waitFor(2);
    expect(log.entries.map((entry) => entry.jobId)).toEqual([slow.jobId, waiting.jobId]);
    await waitUntil(async () => !(await AccountExportJob.performLater('acme', 'daily')).duplicate, 5_000, 'the lock to go once the unblocked job ran');
  });

  it('enqueues each job of performAllLater through its unique lock', async () => {
    if (adapterName !== 'bull') return; // the async adapter runs (and unlocks) each job as it is enqueued
    await app.close();
    app = await createJobsApp({ jobs: JOBS, ...options(), worker: { enabled: false } });
    const handles = await AccountReportJob.performAllLater([[1], [2], [1], [2], [3]]);
    expect(handles.map((handle) => handle.duplicate ?? false)).toEqual([false, false, true, true, false]);
    expect(handles[2].jobId).toBe(handles[0].jobId);
    expect(handles[3].jobId).toBe(handles[1].jobId);
  });

  it("drops a job that finds no free slot with onConflict: 'discard'", async () => {
    await SingletonJob.performLater('first');
    await log.waitFor(1);
    await SingletonJob.performLater('second');
    await waitUntil(async () => (await SingletonJob.performLater('third'), log.entries.length >= 2), 10_000, 'a run after the first ended');
    expect(log.entries[0].args).toEqual(['first']);
    expect(log.entries.map((entry) => entry.args[0])).not.toContain('second');
  });
});

describe('flow control options', () => {
  it.each<[Record<string, unknown>, RegExp]>([
    [{ unique: { key: 'id', for: '1m' } }, /unique.key must be a function/],
    [{ unique: { key: () => 'x' } }, /unique.for is required/],
    [{ unique: { key: () => 'x', for: '1m', until: 'done' } }, /unique.until must be one of enqueued, started, finished/],
    [{ unique: { key: () => 'x', for: '1m', ttl: 1 } }, /unique: unknown option "ttl"/],
    [{ limitsConcurrency: { to: 0, key: () => 'x' } }, /limitsConcurrency.to must be a whole number of at least 1/],
    [{ limitsConcurrency: { key: () => 'x', onConflict: 'queue' } }, /limitsConcurrency.onConflict must be 'block' or 'discard'/],
    [{ limitsConcurrency: { key: () => 'x', duration: 'soon' } }, /limitsConcurrency.duration must be milliseconds/],
  ])('refuses %j at startup', async (jobOptions, message) => {
    @Job(jobOptions)
    class BadFlowJob extends ApplicationJob {
      perform(): void {}
    }
    await expect(createJobsApp({ jobs: [BadFlowJob], adapter: 'test' })).rejects.toThrow(message);
  });

  it('names a key function that returns no string', async () => {
    @Job({ unique: { key: () => undefined as unknown as string, for: '1m' } })
    class KeylessJob extends ApplicationJob {
      perform(): void {}
    }
    const app = await createJobsApp({ jobs: [KeylessJob], adapter: 'test' });
    await expect(KeylessJob.performLater()).rejects.toThrow('@Job() of KeylessJob: unique.key must return a non-empty string, got undefined');
    await app.close();
  });
});
