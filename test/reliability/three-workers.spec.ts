import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueue } from '../../src/active-job';
import { waitFor } from '../support/wait-until';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import { RedisServer } from '../support/redis-server';
import { RecordedJob } from './fixtures/recorded.job';
import { ChildApp } from '../support/child-app';
import { recordedRuns, startFixtureWorker } from './support/fixture-workers';
import { recordResult } from './support/results';

const JOBS = 5_000;
const CONCURRENCY = 10;

// At-least-once must not mean "often twice": with nothing failing, competing workers perform each job once.
describe('reliability: three worker processes on one queue', () => {
  let redis: RedisServer;
  let dir: string;
  let producer: INestApplicationContext;
  let inspect: Redis;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'active-job-three-workers-'));
    redis = await RedisServer.start({ args: ['--appendonly', 'yes'] });
    inspect = new Redis(redis.url);
  });

  afterAll(async () => {
    await ChildApp.killAll();
    await producer?.close();
    inspect?.disconnect();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it(`scenario 19: three workers (concurrency ${CONCURRENCY} each), ${JOBS} jobs: each performed exactly once`, async () => {
    const prefix = uniquePrefix();
    // Bull's default lock and stalled settings: the production ones, under which no healthy job may be taken twice.
    const env = { REDIS_URL: redis.url, PREFIX: prefix, RECORD_DIR: dir, CONCURRENCY: String(CONCURRENCY) };
    const [workers] = await Promise.all([
      Promise.all(['worker-1', 'worker-2', 'worker-3'].map((name) => startFixtureWorker(name, env))),
      createJobsApp({ jobs: [RecordedJob], connection: redis.url, prefix }).then((app) => (producer = app)),
    ]);

    const startedAt = Date.now();
    const enqueued = await producer.get(JobQueue).performAllLater(
      RecordedJob,
      Array.from({ length: JOBS }, (_, index) => [`#${index}`] as [string]),
    );
    const enqueuedMs = Date.now() - startedAt;
    expect(enqueued).toHaveLength(JOBS);
    await waitFor(`${JOBS} recorded runs`, () => recordedRuns(dir).length >= JOBS, 60_000, 100);
    const queue = `${prefix}:recorded`;
    await waitFor('the queue to be empty', async () => (await inspect.llen(`${queue}:wait`)) + (await inspect.llen(`${queue}:active`)) === 0, 10_000, 50);
    const drainedMs = Date.now() - startedAt;

    const runs = recordedRuns(dir);
    const performances = new Map<string, number>();
    for (const { line } of runs) {
      const jobId = line.split(' ')[0];
      performances.set(jobId, (performances.get(jobId) ?? 0) + 1);
    }
    const duplicates = [...performances].filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
    expect(runs).toHaveLength(JOBS);
    expect(new Set(performances.keys())).toEqual(new Set(enqueued.map((job) => job.jobId)));
    // Every worker took a share, so the three really competed for the same jobs.
    const perWorker = workers.map((worker) => runs.filter((run) => run.pid === worker.pid).length);
    for (const share of perWorker) expect(share).toBeGreaterThan(0);
    expect(await inspect.zcard(`${queue}:failed`)).toBe(0);
    expect(await inspect.zcard(`${queue}:delayed`)).toBe(0);
    // Retention is bounded by default: the completed set keeps the last 1,000 jobs, not all 5,000.
    expect(await inspect.zcard(`${queue}:completed`)).toBe(1_000);
    recordResult(19, {
      jobs: JOBS,
      workers: 3,
      concurrency: CONCURRENCY,
      enqueuedMs,
      drainedMs,
      perWorker: perWorker.join('/'),
      duplicates: duplicates.length,
    });
  }, 120_000);
});
