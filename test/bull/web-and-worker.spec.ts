import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Processor } from '../../src/active-job';
import { WorkerOrchestrator } from '../../src/active-job/worker/worker.orchestrator';
import { FlakyJob } from '../jobs/flaky.job';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { RequestScopedJob, TransientJob } from '../jobs/scoped.jobs';
import { SlowJob } from '../jobs/slow.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { v1Payload } from '../support/v1-payload';
import { waitUntil } from '../support/wait-until';

@Processor('slow', { concurrency: 3 })
class SlowQueueProcessor {}

@Processor('records', { concurrency: 5, limiter: { max: 2, duration: '500ms' } })
class RateLimitedRecords {}

describe('a web process enqueues, a worker process performs', () => {
  let prefix: string;
  const apps: INestApplicationContext[] = [];
  const start = async (worker: boolean, extra: Partial<Parameters<typeof createJobsApp>[0]> = {}) => {
    const app = await createJobsApp({
      jobs: [RecordJob, FlakyJob, SlowJob],
      connection: testRedisUrl(),
      prefix,
      worker: { enabled: worker },
      ...extra,
    });
    apps.push(app);
    return app;
  };
  const queueOf = (app: INestApplicationContext, name: string) => app.get<Queue>(getQueueToken(name), { strict: false });

  beforeEach(() => {
    prefix = uniquePrefix();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('performs in the worker what the web process enqueued, and the web process consumes nothing', async () => {
    const web = await start(false);
    const handle = await RecordJob.performLater('signup', { userId: 42 });
    expect(await queueOf(web, 'records').getJobCounts()).toMatchObject({ waiting: 1, active: 0, completed: 0 });
    // No process consumes the queue: Bull names the connection of every consumer it starts.
    expect(await queueOf(web, 'records').getWorkers()).toEqual([]);
    expect(web.get(WorkerOrchestrator).consumedQueues).toEqual([]);

    const worker = await start(true);
    const [entry] = await worker.get(PerformedLog).waitFor(1);
    expect(entry).toMatchObject({ args: ['signup', { userId: 42 }], jobId: handle.jobId });
    expect(web.get(PerformedLog).entries).toEqual([]);
    await waitUntil(async () => (await queueOf(worker, 'records').getCompletedCount()) === 1);
  });

  it('stores a Bull job named after the class whose data is payload version 2: only what Bull does not keep', async () => {
    const web = await start(false);
    const handle = await RecordJob.set({ priority: 3 }).performLater('shape', new Date('2026-01-01T00:00:00Z'));
    const job = (await queueOf(web, 'records').getJob(handle.providerJobId))!;
    expect(job.name).toBe('RecordJob');
    // Class, queue, enqueue time, schedule and priority are Bull's own fields; counters appear once a retry carries them.
    expect(job.data).toEqual({
      v: 2,
      id: handle.jobId,
      args: ['shape', { _aj_serialized: 'Date', value: '2026-01-01T00:00:00.000Z' }],
    });
    expect(job.opts).toMatchObject({
      attempts: 1,
      priority: 3,
      removeOnComplete: { count: 1000, age: 86400 },
      removeOnFail: { count: 5000, age: 604800 },
    });
  });

  it('performs version 1 payloads still in Redis from an earlier release (upgrade workers before web processes)', async () => {
    const web = await start(false);
    const worker = await start(true);
    const v1 = v1Payload({
      jobClass: 'RecordJob',
      jobId: 'written-by-0.1',
      queueName: 'records',
      arguments: ['from v1', { _aj_serialized: 'Date', value: '2026-01-01T00:00:00.000Z' }],
    });
    await queueOf(web, 'records').add('RecordJob', v1, { preventParsingData: true });
    const log = worker.get(PerformedLog);
    await waitUntil(() => log.entries.some((entry) => entry.args[0] === 'from v1'), 10_000, 'the version 1 job');
    expect(log.entries.find((entry) => entry.args[0] === 'from v1')!.args[1]).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it("passes the class's attempts and backoff and set()'s delay to Bull", async () => {
    const web = await start(false);
    const before = Date.now();
    const handle = await FlakyJob.set({ wait: '2m' }).performLater(1);
    const job = (await queueOf(web, 'flaky').getJob(handle.providerJobId))!;
    expect(job.opts).toMatchObject({ attempts: 3, backoff: { type: 'fixed', delay: 50 } });
    expect(job.opts.delay).toBeGreaterThan(119_000);
    expect(handle.scheduledAt!.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(await job.isDelayed()).toBe(true);
  });

  it('consumes only the queues listed in worker.queues', async () => {
    const worker = await start(true, { worker: { enabled: true, queues: ['records'] } });
    expect(worker.get(WorkerOrchestrator).consumedQueues).toEqual(['records']);
    await FlakyJob.performLater(1);
    await RecordJob.performLater('listed');
    await worker.get(PerformedLog).waitFor(1);
    expect(worker.get(PerformedLog).entries.map((entry) => entry.job)).toEqual(['RecordJob']);
    expect(await queueOf(worker, 'flaky').getWaitingCount()).toBe(1);
    // Nothing will take it later either: Bull names the connection of each consumer, and the flaky queue has none.
    await waitUntil(async () => (await queueOf(worker, 'records').getWorkers()).length === 1, 5_000, 'the records consumer to be named');
    expect(await queueOf(worker, 'flaky').getWorkers()).toEqual([]);
  });

  it("runs a queue's jobs side by side up to its @Processor concurrency", async () => {
    const worker = await start(true, { providers: [SlowQueueProcessor] });
    await SlowJob.performAllLater([[300], [300], [300], [300]]);
    const log = worker.get(PerformedLog);
    await log.waitFor(8);
    const order = log.entries.map((entry) => entry.job);
    expect(order.slice(0, 3)).toEqual(['SlowJob:start', 'SlowJob:start', 'SlowJob:start']);
    expect(order[3]).toBe('SlowJob');
  });

  it('runs worker.concurrency jobs at once on queues without a @Processor', async () => {
    const worker = await start(true, { worker: { enabled: true, concurrency: 2 } });
    await SlowJob.performAllLater([[300], [300]]);
    const log = worker.get(PerformedLog);
    await log.waitFor(4);
    expect(log.entries.map((entry) => entry.job)).toEqual(['SlowJob:start', 'SlowJob:start', 'SlowJob', 'SlowJob']);
  });

  it('runs one job at a time by default', async () => {
    const worker = await start(true);
    await SlowJob.performAllLater([[100], [100]]);
    const log = worker.get(PerformedLog);
    await log.waitFor(4);
    expect(log.entries.map((entry) => entry.job)).toEqual(['SlowJob:start', 'SlowJob', 'SlowJob:start', 'SlowJob']);
  });

  it('gives transient jobs a fresh instance per run and request-scoped jobs their execution as REQUEST', async () => {
    const worker = await start(true, { jobs: [TransientJob, RequestScopedJob] });
    await TransientJob.performLater('one');
    await TransientJob.performLater('two');
    await RequestScopedJob.performLater('three');
    const entries = await worker.get(PerformedLog).waitFor(3);
    const [first, second] = entries.filter((entry) => entry.job === 'TransientJob');
    expect(first.args[1]).not.toBe(second.args[1]);
    expect(entries.find((entry) => entry.job === 'RequestScopedJob')!.args).toEqual(['three', true]);
  });

  it('holds a queue to its @Processor rate limit', async () => {
    const worker = await start(true, { providers: [RateLimitedRecords] });
    const startedAt = Date.now();
    await RecordJob.performAllLater([['1'], ['2'], ['3'], ['4'], ['5']]);
    await worker.get(PerformedLog).waitFor(5, 5_000);
    // 2 per 500 ms: jobs 3-4 wait for the second window and job 5 for the third.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });

  it('refuses two @Processor declarations for one queue', async () => {
    @Processor('records')
    class AnotherRecords {}
    // The async adapter opens no connection that a failed bootstrap would leave behind.
    await expect(start(true, { adapter: 'async', providers: [RateLimitedRecords, AnotherRecords] })).rejects.toThrow(
      '@Processor() on AnotherRecords: queue "records" already has a @Processor, on RateLimitedRecords. One @Processor sets the concurrency ' +
        'and limiter of every job class on its queue (MailDeliveryJob included on the mailers queue): keep one of the two, or move one ' +
        "class's jobs to a queue of its own",
    );
  });
});
