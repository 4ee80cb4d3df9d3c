import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { FailedJobs, JobQueue } from '../../src/active-job';
import { waitFor } from '../support/wait-until';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import { RedisServer } from '../support/redis-server';
import { RecordedJob } from './fixtures/recorded.job';
import { WorkerKillerJob } from './fixtures/worker-killer.job';
import { ChildApp } from '../support/child-app';
import { DURABLE_REDIS } from './support/demo-stack';
import { recordedRuns, Supervisor } from './support/fixture-workers';
import { recordResult } from './support/results';

const MAX_STALLED_COUNT = 2;
const LOCK_DURATION_MS = 1_000;
const STALLED_INTERVAL_MS = 500;

// A job that kills whichever worker performs it, with two workers that a supervisor restarts
// each time they die. Bull's maxStalledCount is what stops the crash loop.
describe('reliability: a job that crashes its worker every time', () => {
  let redis: RedisServer;
  let dir: string;
  let producer: INestApplicationContext;
  let inspect: Redis;
  const supervisors: Supervisor[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'active-job-crash-loop-'));
    redis = await RedisServer.start({ args: DURABLE_REDIS });
    inspect = new Redis(redis.url);
  });

  afterAll(async () => {
    await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
    await ChildApp.killAll();
    await producer?.close();
    inspect?.disconnect();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it(`scenario 2: a job that kills its worker every time runs ${MAX_STALLED_COUNT + 1} times (maxStalledCount ${MAX_STALLED_COUNT}), then fails with a clear reason; the workers carry on`, async () => {
    const prefix = uniquePrefix();
    const env = {
      REDIS_URL: redis.url,
      PREFIX: prefix,
      RECORD_DIR: dir,
      LOCK_DURATION: String(LOCK_DURATION_MS),
      STALLED_INTERVAL: String(STALLED_INTERVAL_MS),
      MAX_STALLED_COUNT: String(MAX_STALLED_COUNT),
    };
    supervisors.push(new Supervisor('worker-a', env), new Supervisor('worker-b', env));
    producer = await createJobsApp({ jobs: [RecordedJob, WorkerKillerJob], connection: redis.url, prefix });
    await Promise.all(supervisors.map((supervisor) => supervisor.start()));

    const startedAt = Date.now();
    const { jobId, providerJobId } = await producer.get(JobQueue).performLater(WorkerKillerJob);
    const failedJobs = producer.get(FailedJobs);
    const [failed] = await waitFor(
      'the worker killer to be failed',
      async () => {
        const list = await failedJobs.list({ jobClass: WorkerKillerJob });
        return list.length > 0 && list;
      },
      30_000,
      100,
    );
    const failedAfterMs = Date.now() - startedAt;

    expect(failed).toMatchObject({ providerJobId, jobId, jobClass: 'WorkerKillerJob', failedReason: 'job stalled more than allowable limit' });
    const runs = () => recordedRuns(dir).filter((run) => run.line.startsWith(jobId));
    expect(runs()).toHaveLength(MAX_STALLED_COUNT + 1);
    // Each run was a different process: the one that performed it died with it.
    expect(new Set(runs().map((run) => run.pid)).size).toBe(MAX_STALLED_COUNT + 1);
    expect(await producer.get(FailedJobs).list()).toHaveLength(1);
    expect(await inspect.hget(`${prefix}:poison:${providerJobId}`, 'stalledCounter')).toBe(String(MAX_STALLED_COUNT + 1));

    // No hot loop: the supervisors restarted exactly one worker per run, and the workers now do other work.
    const deaths = supervisors.reduce((sum, supervisor) => sum + supervisor.deaths, 0);
    expect(deaths).toBe(MAX_STALLED_COUNT + 1);
    const { jobId: followUp } = await producer.get(JobQueue).performLater(RecordedJob, 'after the poison');
    await waitFor('the follow-up job to be performed', () => recordedRuns(dir).some((run) => run.line === `${followUp} after the poison`), 15_000);
    // No further run can come: failed is final in Bull (the stalled check reads only the active list), and the
    // poison job is in the failed set and in no list a worker takes jobs from.
    expect(await inspect.zscore(`${prefix}:poison:failed`, providerJobId)).not.toBeNull();
    for (const list of ['wait', 'active', 'paused']) expect(await inspect.lrange(`${prefix}:poison:${list}`, 0, -1)).not.toContain(providerJobId);
    expect(await inspect.zscore(`${prefix}:poison:delayed`, providerJobId)).toBeNull();
    expect(runs()).toHaveLength(MAX_STALLED_COUNT + 1);
    expect(supervisors.reduce((sum, supervisor) => sum + supervisor.deaths, 0)).toBe(MAX_STALLED_COUNT + 1);
    recordResult(2, { runs: MAX_STALLED_COUNT + 1, maxStalledCount: MAX_STALLED_COUNT, failedAfterMs, workerDeaths: deaths });
  }, 90_000);
});
