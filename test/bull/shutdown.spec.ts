import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { ChainJob } from '../jobs/chain.job';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { SlowJob } from '../jobs/slow.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';

describe('graceful shutdown', () => {
  const startWorker = (prefix: string, shutdownTimeout?: number) =>
    createJobsApp({ jobs: [SlowJob, ChainJob, RecordJob], connection: testRedisUrl(), prefix, worker: { enabled: true, shutdownTimeout } });

  it('lets an in-flight job finish before closing', async () => {
    const prefix = uniquePrefix();
    const worker = await startWorker(prefix);
    const log = worker.get(PerformedLog);
    await SlowJob.performLater(400);
    await log.waitFor(1);
    await worker.close();
    expect(log.entries.map((entry) => entry.job)).toEqual(['SlowJob:start', 'SlowJob']);
  });

  it('takes no new job once shutdown has begun', async () => {
    const prefix = uniquePrefix();
    const worker = await startWorker(prefix);
    const log = worker.get(PerformedLog);
    await SlowJob.performAllLater([[300], [300]]);
    await log.waitFor(1);
    await worker.close();
    expect(log.entries.map((entry) => entry.job)).toEqual(['SlowJob:start', 'SlowJob']);
    const probe = await createJobsApp({ jobs: [SlowJob], connection: testRedisUrl(), prefix });
    expect(await probe.get<Queue>(getQueueToken('slow'), { strict: false }).getWaitingCount()).toBe(1);
    await probe.close();
  });

  it('closes within shutdownTimeout when a job runs longer, leaving it to be run again', async () => {
    const prefix = uniquePrefix();
    const worker = await startWorker(prefix, 300);
    const log = worker.get(PerformedLog);
    const handle = await SlowJob.performLater(2_500);
    await log.waitFor(1);
    const closing = Date.now();
    await worker.close();
    expect(Date.now() - closing).toBeLessThan(2_000);
    expect(log.entries.map((entry) => entry.job)).toEqual(['SlowJob:start']);
    // Still active in Redis (not completed, not lost): Bull's stalled check hands it to another worker once its lock expires.
    const redis = new Redis(testRedisUrl());
    expect(await redis.lrange(`${prefix}:slow:active`, 0, -1)).toEqual([handle.providerJobId]);
    redis.disconnect();
  });

  it('lets a job enqueue another job while the worker drains (nestjs/bull#2069)', async () => {
    const prefix = uniquePrefix();
    const worker = await startWorker(prefix);
    const log = worker.get(PerformedLog);
    await ChainJob.performLater('drain', 300);
    await log.waitFor(1);
    await worker.close();
    expect(log.entries.filter((entry) => entry.job.startsWith('ChainJob')).map((entry) => entry.job)).toEqual(['ChainJob:start', 'ChainJob']);
    // Bull's local pause can still hand the draining worker a job it was already fetching; either way the child is never lost.
    const performedHere = log.entries.filter((entry) => entry.job === 'RecordJob').map((entry) => entry.args[0]);
    const probe = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix });
    const waiting = await probe.get<Queue>(getQueueToken('records'), { strict: false }).getWaiting();
    await probe.close();
    expect([...performedHere, ...waiting.map((job) => job.data.args[0])]).toEqual(['drain:child']);
  });
});
