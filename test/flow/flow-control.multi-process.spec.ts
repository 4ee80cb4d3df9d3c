import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueControl } from '../../src/active-job';
import { waitFor } from '../support/wait-until';
import { ChildApp } from '../support/child-app';
import { recordedRuns } from '../reliability/support/fixture-workers';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { FLOW_FIXTURE_JOBS, FlowCrashJob, FlowLimitedJob, FlowPausedJob, FlowUniqueJob } from './fixtures/flow-fixture.jobs';

interface Run {
  pid: number;
  kind: string;
  label: string;
  event: string;
  at: number;
  jobId: string;
  enqueuedAt: number;
}

/** Flow control across three worker processes sharing one Redis, each a real process the test can SIGKILL. */
describe('flow control across three worker processes', () => {
  let dir: string;
  let prefix: string;
  let workers: ChildApp[];
  let producer: INestApplicationContext;
  let inspect: Redis;
  const runs = (kind: string): Run[] =>
    recordedRuns(dir)
      .map(({ pid, line }) => {
        const [k, label, event, at, jobId, enqueuedAt] = line.split(' ');
        return { pid, kind: k, label, event, at: Number(at), jobId, enqueuedAt: Number(enqueuedAt) };
      })
      .filter((run) => run.kind === kind);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'active-job-flow-'));
    prefix = uniquePrefix();
    inspect = new Redis(testRedisUrl());
    const env = { REDIS_URL: testRedisUrl(), PREFIX: prefix, RECORD_DIR: dir, CONCURRENCY: '5' };
    [workers, producer] = await Promise.all([
      Promise.all(
        ['flow-1', 'flow-2', 'flow-3'].map((name) => ChildApp.start(name, 'test/flow/fixtures/flow-worker.ts', env).ready(/Flow worker \d+ ready/, 60_000)),
      ),
      createJobsApp({ jobs: FLOW_FIXTURE_JOBS, connection: testRedisUrl(), prefix }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await ChildApp.killAll();
    await producer?.close();
    inspect?.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('enqueues a recurring job once per tick, whichever of the three claims it', async () => {
    await waitFor('four ticks', () => runs('tick').length >= 4, 20_000, 100);
    const ticks = runs('tick');
    // Each run's enqueue follows its 2 s tick by milliseconds: two runs of one tick would share a bucket.
    const buckets = ticks.map((run) => Math.floor(run.enqueuedAt / 2_000));
    expect(new Set(buckets).size).toBe(ticks.length);
    const sorted = [...buckets].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1] - sorted[0]).toBe(sorted.length - 1); // no tick skipped either
  }, 30_000);

  it('stores one job for 50 concurrent duplicate enqueues', async () => {
    const handles = await Promise.all(Array.from({ length: 50 }, () => FlowUniqueJob.performLater('account-42')));
    expect(handles.filter((handle) => !handle.duplicate)).toHaveLength(1);
    expect(new Set(handles.map((handle) => handle.providerJobId)).size).toBe(1);
    await waitFor('the unique job to run', () => runs('unique').length >= 1, 10_000);
    const queue = producer.get<Queue>(getQueueToken('flow-unique'), { strict: false });
    const counts = await queue.getJobCounts();
    expect(counts.waiting + counts.active + counts.completed + counts.delayed + counts.failed).toBe(1);
    expect(runs('unique').map((run) => run.jobId)).toEqual([handles[0].jobId]);
  });

  it('never runs more than two jobs of one key at once across the workers', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, index) => FlowLimitedJob.performLater('acme', `#${index}`)));
    await waitFor('12 limited runs', () => runs('limited-acme').filter((run) => run.event === 'end').length >= 12, 30_000, 100);
    const events = runs('limited-acme')
      .map((run) => ({ at: run.at, delta: run.event === 'start' ? 1 : -1 }))
      .sort((a, b) => a.at - b.at || a.delta - b.delta);
    let running = 0;
    let max = 0;
    for (const { delta } of events) max = Math.max(max, (running += delta));
    expect(max).toBe(2);
    expect(new Set(runs('limited-acme').map((run) => run.pid)).size).toBeGreaterThan(1); // several workers took part
  }, 40_000);

  it("frees a SIGKILLed holder's slot after its duration, and the blocked job runs", async () => {
    await FlowCrashJob.performLater('hang');
    const [hang] = await waitFor('the hanging job to start', () => runs('crash').length >= 1 && runs('crash'), 10_000);
    await FlowCrashJob.performLater('after');
    const blocked = `${prefix}:active-job:concurrency:FlowCrashJob:crash:blocked`;
    await waitFor('the second job to be blocked', async () => (await inspect.llen(blocked)) === 1, 10_000);
    await workers.find((worker) => worker.pid === hang.pid)!.kill();
    const after = await waitFor('the blocked job to run', () => runs('crash').find((run) => run.label === 'after'), 20_000, 100);
    // The slot was held for its 3 s duration, no longer than a sweep or two beyond.
    expect(after.at - hang.at).toBeGreaterThanOrEqual(2_900);
    expect(after.pid).not.toBe(hang.pid);
  }, 40_000);

  it('starts nothing on a paused queue until it is resumed', async () => {
    const control = producer.get(QueueControl);
    await control.pause('flow-paused');
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((label) => FlowPausedJob.performLater(label)));
    const queue = producer.get<Queue>(getQueueToken('flow-paused'), { strict: false });
    await waitFor('five paused jobs', async () => ((await queue.getJobCounts()) as { paused?: number }).paused === 5, 10_000);
    // The workers poll and block on the queue meanwhile; a second on, still nothing has started.
    const pausedAt = Date.now();
    await waitFor('a second to pass', () => Date.now() - pausedAt >= 1_000, 5_000);
    expect(runs('paused')).toEqual([]);
    await control.resume('flow-paused');
    await waitFor('the five jobs to run', () => runs('paused').length === 5, 10_000);
  }, 30_000);
});
