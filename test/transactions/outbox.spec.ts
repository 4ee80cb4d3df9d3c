import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';
import { type OutboxStore, OutboxRelayService, QUEUE_ADAPTER, type TransactionOptions } from '../../src/active-job';
import { type BullAdapter } from '../../src/active-job/adapters/bull.adapter';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from './support/databases';
import { AuditJob, SignupJob } from './support/recorded.jobs';

describe.each([
  ['SQLite', sqliteDatabase],
  ['PostgreSQL', postgresDatabase],
])('the transactional outbox on %s', (_kind, createDatabase) => {
  let database: TestDatabase;
  let prefix: string;
  const apps: INestApplicationContext[] = [];

  beforeEach(async () => {
    database = await createDatabase();
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    await database.drop();
  });

  async function start(store: OutboxStore, transactions: Omit<TransactionOptions, 'outbox'> = { relay: { enabled: false } }) {
    const app = await createJobsApp({ jobs: [SignupJob, AuditJob], connection: testRedisUrl(), prefix, transactions: { ...transactions, outbox: store } });
    apps.push(app);
    const relay = app.get(OutboxRelayService).relay!;
    const queue: Queue = app.get<BullAdapter>(QUEUE_ADAPTER).registry.get('signups');
    return { app, relay, queue };
  }

  async function bullJobs(queue: Queue) {
    return queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  }

  it('writes a job enqueued inside a transaction to the outbox, and a commit makes it exactly one Bull job', async () => {
    const store = database.store();
    const { relay, queue } = await start(store);
    const enqueued = await store.transaction(async (tx) => SignupJob.performLater(await database.insertUser(tx, 'ada@example.com')));
    expect(await store.count()).toBe(1);
    expect(await bullJobs(queue)).toHaveLength(0);

    expect(await relay.relayOnce()).toBe(1);
    const jobs = await bullJobs(queue);
    expect(jobs.map((job) => [job.id, job.name, job.data.args])).toEqual([[enqueued.jobId, 'SignupJob', [1]]]);
    expect(enqueued.providerJobId).toBe(enqueued.jobId);
    expect(await store.count()).toBe(0);
    expect(await relay.relayOnce()).toBe(0);
    expect(await bullJobs(queue)).toHaveLength(1);
  });

  it('drops the job when the transaction rolls back: no row, no Bull job', async () => {
    const store = database.store();
    const { relay, queue } = await start(store);
    await expect(
      store.transaction(async (tx) => {
        await SignupJob.performLater(await database.insertUser(tx, 'ada@example.com'));
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    expect(await database.userCount()).toBe(0);
    expect(await store.count()).toBe(0);
    expect(await relay.relayOnce()).toBe(0);
    expect(await bullJobs(queue)).toHaveLength(0);
  });

  it('enqueues at once outside a transaction, and inside one for a class marked @EnqueueAfterCommit(false)', async () => {
    const store = database.store();
    const { queue } = await start(store);
    await SignupJob.performLater(7);
    await store
      .transaction(async () => {
        await AuditJob.performLater('attempted');
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect((await bullJobs(queue)).map((job) => job.name).sort()).toEqual(['AuditJob', 'SignupJob']);
    expect(await store.count()).toBe(0);
  });

  it('keeps scheduled jobs scheduled and bulk enqueues whole', async () => {
    const store = database.store();
    const { relay, queue } = await start(store);
    await store.transaction(async () => {
      await SignupJob.set({ wait: '1h' }).performLater(1);
      await SignupJob.performAllLater([[2], [3]]);
    });
    expect(await relay.relayOnce()).toBe(3);
    const delayed = await queue.getDelayed();
    expect(delayed.map((job) => job.data.args)).toEqual([[1]]);
    expect(delayed[0].opts.delay).toBeGreaterThan(59 * 60_000);
    expect((await queue.getWaiting()).map((job) => job.data.args).sort()).toEqual([[2], [3]]);
  });

  it('makes one Bull job of each entry when the relay fails between enqueueing and deleting (the lease hands them to the next round)', async () => {
    const store = database.store();
    let failRemove = true;
    const crashing: any = Object.assign(Object.create(Object.getPrototypeOf(store)), store, {
      remove: async (ids: readonly string[]) => {
        if (failRemove) {
          failRemove = false;
          throw new Error('relay died before deleting');
        }
        return store.remove(ids);
      },
    });
    const { relay, queue } = await start(crashing, { relay: { enabled: false, leaseTime: '1s' } });
    await crashing.transaction!(async () => SignupJob.performAllLater([[1], [2], [3]]));
    await expect(relay.relayOnce()).rejects.toThrow('relay died before deleting');
    expect(await bullJobs(queue)).toHaveLength(3);
    expect(await relay.relayOnce()).toBe(0); // still leased to the "dead" round
    await waitUntil(async () => (await relay.relayOnce()) === 3, 10_000, 'the lease to end and the entries to be relayed again');
    expect(await store.count()).toBe(0);
    const jobs = await bullJobs(queue);
    expect(jobs.map((job) => job.data.args).sort()).toEqual([[1], [2], [3]]);
  });

  it('produces each job once with two relays running at once on their own connections', async () => {
    const first = database.store();
    const second = database.store();
    const relayOptions = { relay: { interval: 5, batchSize: 7 } };
    const { queue } = await start(first, relayOptions);
    await start(second, relayOptions);
    const count = 150;
    // The job classes reach the app started last, so its store holds the transaction.
    await (second as any).transaction(async () => SignupJob.performAllLater(Array.from({ length: count }, (_, index) => [index])));
    await waitUntil(async () => (await first.count()) === 0, 20_000, 'both relays to empty the outbox');
    const jobs = await bullJobs(queue);
    expect(jobs).toHaveLength(count);
    expect(new Set(jobs.map((job) => job.data.args[0])).size).toBe(count);
  });
});
