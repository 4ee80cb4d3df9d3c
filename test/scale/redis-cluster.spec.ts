import type { INestApplicationContext } from '@nestjs/common';
import { join } from 'node:path';
import request from 'supertest';
import { type ActiveJobModuleOptions, FailedJobs, JobQueue } from '../../src/active-job';
import { describeAdapterBehaviour } from '../adapters/adapter-behaviour';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { AlwaysFailingJob } from '../jobs/retry-extras.jobs';
import { RetryJob } from '../jobs/retry.job';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import { RedisCluster } from '../support/redis-cluster';
import { waitUntil } from '../support/wait-until';
import { SmtpSink } from '../support/smtp-sink';
import { scratchDir, startWebApp, startWorkerContext } from '../demo/support/web-app';
import { AccountReportJob, LimitedJob } from '../flow/jobs/flow.jobs';
import { enqueueUntilStopped } from './support/enqueue-loop';

// The stated bound after an unplanned master crash: cluster-node-timeout 2 s, then the replica's election.
const CRASH_RESUME_WITHIN_MS = 15_000;

// Redis Cluster: three masters with a replica each, of the tests' own. Every queue key carries the
// prefix's hash tag, so Bull's multi-key scripts stay within one slot.
describe('Redis Cluster (three masters, one replica each)', () => {
  let cluster: RedisCluster;
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    cluster = await RedisCluster.start({ masters: 3, replicasPerMaster: 1 });
  }, 90_000);

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  const onCluster = (extra: ActiveJobModuleOptions = {}): ActiveJobModuleOptions => ({
    connection: { cluster: cluster.nodes },
    prefix: `{${uniquePrefix()}}`,
    worker: { enabled: true },
    ...extra,
  });

  async function app(options: Parameters<typeof createJobsApp>[0]): Promise<INestApplicationContext> {
    const created = await createJobsApp(options);
    apps.push(created);
    return created;
  }

  // Enqueue, perform, performAllLater, retries, timeouts and delayed jobs: the suite every adapter passes.
  describeAdapterBehaviour({ name: 'bull on Redis Cluster', options: () => onCluster(), schedules: 'waits', retries: true, rejectsFailures: false });

  it('keeps every key of a queue in the one hash slot of the prefix tag', async () => {
    const options = onCluster();
    const jobs = await app({ jobs: [RecordJob], ...options });
    await jobs.get(JobQueue).performAllLater(RecordJob, [['a'], ['b'], ['c']]);
    await RecordJob.set({ wait: '1h' }).performLater('later');
    await jobs.get(PerformedLog).waitFor(3);

    const inspect = cluster.client();
    try {
      await inspect.ping(); // the client knows the masters once connected
      const keys = (await Promise.all(inspect.nodes('master').map((node) => node.keys(`${options.prefix}:*`)))).flat();
      expect(keys).toEqual(expect.arrayContaining([`${options.prefix}:records:id`, `${options.prefix}:records:delayed`]));
      const slots = new Set(await Promise.all(keys.map((key) => inspect.cluster('KEYSLOT', key))));
      expect(slots).toEqual(new Set([await inspect.cluster('KEYSLOT', options.prefix!)]));
    } finally {
      inspect.disconnect();
    }
  });

  it('retries through RetryOn, each run a new Bull job on the cluster', async () => {
    const jobs = await app({ jobs: [RetryJob], ...onCluster() });
    await RetryJob.performLater('InstantRetryError', 3);
    const notes = (await jobs.get(PerformedLog).waitFor(3)).map((entry) => entry.args[0]);
    expect(notes).toEqual(['Raised InstantRetryError for the 1st time', 'Raised InstantRetryError for the 2nd time', 'Successfully completed job']);
  });

  it('lists, retries and discards failed jobs through FailedJobs', async () => {
    const jobs = await app({ jobs: [RetryJob, AlwaysFailingJob], ...onCluster() });
    const failedJobs = jobs.get(FailedJobs);
    await RetryJob.performLater('UnhandledError', 2);
    await AlwaysFailingJob.performLater();
    await waitUntil(async () => (await failedJobs.list()).length === 2, 15_000, 'two failed jobs');
    expect(await failedJobs.list({ queue: 'retries', jobClass: RetryJob })).toEqual([
      expect.objectContaining({ jobClass: 'RetryJob', arguments: ['UnhandledError', 2], failedReason: 'UnhandledError', executions: 1 }),
    ]);

    const log = jobs.get(PerformedLog);
    const before = log.entries.length;
    expect(await failedJobs.retry({ jobClass: AlwaysFailingJob })).toBe(1);
    await log.waitFor(before + 1);
    await waitUntil(async () => (await failedJobs.list({ jobClass: AlwaysFailingJob })).length === 1, 15_000, 'the retried job to fail again');
    expect(await failedJobs.discard({ queue: 'retries' })).toBe(2); // both classes use the retries queue
    expect(await failedJobs.list({ queue: 'retries' })).toEqual([]);
  });

  it("runs flow control's scripts on the cluster: one job for concurrent duplicates, at most two of a key at once", async () => {
    const options = onCluster();
    const producer = await app({ jobs: [AccountReportJob, LimitedJob], ...options, worker: { enabled: false } });
    const handles = await Promise.all(Array.from({ length: 20 }, () => producer.get(JobQueue).performLater(AccountReportJob, 7)));
    expect(handles.filter((handle) => !handle.duplicate)).toHaveLength(1);

    const worker = await app({ jobs: [AccountReportJob, LimitedJob], ...options, worker: { enabled: true, concurrency: 5 } });
    await Promise.all(['1', '2', '3', '4', '5'].map((label) => producer.get(JobQueue).performLater(LimitedJob, 'acme', label)));
    const log = worker.get(PerformedLog);
    await log.waitFor(1 + 2 * 5, 20_000);
    // Starts and ends in time order (an end before a start at the same ms): the most runs of acme at once.
    const limited = log.entries.filter((entry) => entry.job.startsWith('LimitedJob:'));
    const ordered = [...limited].sort((a, b) => (a.args[2] as number) - (b.args[2] as number) || (a.job.endsWith(':end') ? -1 : 1));
    let running = 0;
    let most = 0;
    for (const entry of ordered) most = Math.max(most, (running += entry.job.endsWith(':start') ? 1 : -1));
    expect(most).toBe(2);
  });

  it('refuses at startup a prefix without a hash tag, saying what to write', async () => {
    await expect(createJobsApp({ jobs: [RecordJob], connection: { cluster: cluster.nodes }, prefix: 'jobs' })).rejects.toThrow(
      `prefix "jobs" has no hash tag, but connection is a Redis Cluster: Bull's scripts use several keys of a queue at once, ` +
        `which a cluster allows only when they share a hash slot. Write prefix: '{jobs}' so every queue key is hashed by "jobs".`,
    );
  });

  it("runs the demo's signup on the cluster: the web app enqueues, the worker sends the welcome email, /health/redis sees Redis", async () => {
    const [smtp, scratch] = [await SmtpSink.start(), scratchDir()];
    try {
      const env = {
        REDIS_URL: `redis://127.0.0.1:${cluster.servers[0].port}`,
        REDIS_CLUSTER: 'true',
        QUEUE_PREFIX: `{demo-${uniquePrefix()}}`,
        SMTP_URL: smtp.url,
        DATABASE_PATH: join(scratch.dir, 'demo.sqlite'),
        MAIL_FROM: 'Demo <welcome@demo.test>',
        THROTTLE_LIMIT: '1000',
      };
      apps.push(await startWorkerContext(env));
      const { app: web } = await startWebApp(env);
      apps.push(web);
      await request(web.getHttpServer()).post('/users').send({ email: 'grace@example.com', name: 'Grace Hopper' }).expect(201);
      const { message } = await smtp.waitForMailTo('grace@example.com', 20_000);
      expect(message.subject).toMatch(/Welcome/);
      const health = await request(web.getHttpServer()).get('/health/redis').expect(200);
      expect(health.body.info.redis).toMatchObject({ status: 'up' });
    } finally {
      await Promise.all(apps.splice(0).map((app) => app.close()));
      await smtp.stop();
      scratch.remove();
    }
  }, 60_000);

  it('a failover of the master holding the queue (its replica promoted) loses no acknowledged job', async () => {
    const options = onCluster({ enqueueTimeout: '10s' });
    const worker = await app({ jobs: [RecordJob], ...options, worker: { enabled: true, concurrency: 5 } });
    const producer = await app({ jobs: [RecordJob], ...options, worker: { enabled: false } });
    const { master, replicas } = await cluster.ownersOf(options.prefix!);

    const loop = enqueueUntilStopped((label) => producer.get(JobQueue).performLater(RecordJob, label));
    await loop.waitForAcknowledged(100);
    const failoverStartedAt = Date.now();
    await cluster.failover(replicas[0]);
    const failoverMs = Date.now() - failoverStartedAt;
    const acknowledgedAtFailover = loop.acknowledged.length;
    await loop.waitForAcknowledged(acknowledgedAtFailover + 100, 30_000);
    const { acknowledged, refused } = await loop.stop();

    expect((await cluster.ownersOf(options.prefix!)).master).toBe(replicas[0]);
    const performed = worker.get(PerformedLog);
    await waitUntil(
      () => acknowledged.every((label) => performed.entries.some((entry) => entry.args[0] === label)),
      30_000,
      'every acknowledged job to be performed',
    );
    const performedLabels = new Set(performed.entries.map((entry) => entry.args[0]));
    expect(acknowledged.filter((label) => !performedLabels.has(label))).toEqual([]);
    // A planned failover pauses writes on the old master until the replica has caught up: nothing is refused either.
    expect(refused).toEqual([]);
    expect(master).not.toBe(replicas[0]);
    console.log(`Cluster failover: ${acknowledged.length} jobs acknowledged, failover took ${failoverMs} ms`);
  }, 90_000);

  // Last: it leaves the cluster with a dead node.
  it(`a master SIGKILLed: its replica takes over, enqueues resume within ${CRASH_RESUME_WITHIN_MS / 1000} s, no acknowledged job is lost`, async () => {
    const options = onCluster({ enqueueTimeout: '3s', bullSettings: { lockDuration: 3_000, stalledInterval: 1_000 } });
    const worker = await app({ jobs: [RecordJob], ...options, worker: { enabled: true, concurrency: 5 } });
    const producer = await app({ jobs: [RecordJob], ...options, worker: { enabled: false } });
    const { master, replicas } = await cluster.ownersOf(options.prefix!);

    const loop = enqueueUntilStopped((label) => producer.get(JobQueue).performLater(RecordJob, label));
    await loop.waitForAcknowledged(100);
    const killedAt = Date.now();
    await cluster.servers.find((server) => server.port === master)!.kill();
    // Counted once the process is gone: any later acknowledgement comes from the promoted replica.
    const acknowledgedBeforeDeath = loop.acknowledged.length;
    await loop.waitForAcknowledged(acknowledgedBeforeDeath + 1, CRASH_RESUME_WITHIN_MS + 10_000);
    const resumedMs = loop.acknowledgedAt[acknowledgedBeforeDeath] - killedAt;
    await loop.waitForAcknowledged(acknowledgedBeforeDeath + 100, 30_000);
    const { acknowledged, refused } = await loop.stop();

    expect(resumedMs).toBeLessThan(CRASH_RESUME_WITHIN_MS);
    for (const { message } of refused) expect(message).toMatch(/Redis cannot be reached|Could not enqueue/);
    const performed = worker.get(PerformedLog);
    const performedLabels = () => new Set(performed.entries.map((entry) => entry.args[0]));
    await waitUntil(() => acknowledged.every((label) => performedLabels().has(label)), 30_000, 'every acknowledged job to be performed');
    expect(acknowledged.filter((label) => !performedLabels().has(label))).toEqual([]);
    expect(replicas).toHaveLength(1);
    console.log(
      `Cluster master SIGKILLed after ${acknowledgedBeforeDeath} acknowledged enqueues: enqueues resumed after ${resumedMs} ms, ` +
        `${refused.length} refused meanwhile, ${acknowledged.length} acknowledged in all, none lost`,
    );
  }, 90_000);
});
