import { Module } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import { Test, type TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import { ActiveJobModule, QUEUE_ADAPTER } from '../../src/active-job';
import { WorkerOrchestrator } from '../../src/active-job/worker/worker.orchestrator';
import { JobTestHelper, TestAdapter, TestAdapterRequiredError, withTestAdapter } from '../../src/active-job/testing';
import { testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { ReminderJob } from './jobs/reminder.job';
import { WelcomeEmailJob } from './jobs/welcome-email.job';
import { ConnectionCounter } from './support/connection-counter';
import { OutboxModule } from './support/testing-app';
import { SignupAppModule } from './signup/signup-app.module';

/** An app module as production configures it: the bull adapter on `connection`, this process a worker. */
function bullAppModule(connection: string, prefix = uniquePrefix()) {
  @Module({
    imports: [
      ActiveJobModule.forRoot({ adapter: 'bull', connection, prefix, worker: { enabled: true } }),
      ActiveJobModule.forFeature([WelcomeEmailJob, ReminderJob], { imports: [OutboxModule] }),
    ],
  })
  class BullAppModule {}
  return BullAppModule;
}

async function init(moduleRef: TestingModule): Promise<TestingModule> {
  moduleRef.useLogger(false);
  return moduleRef.init();
}

describe('switching an app that enqueues to Bull over to the test adapter', () => {
  let redis: ConnectionCounter;

  beforeEach(async () => {
    redis = await ConnectionCounter.start();
  });
  afterEach(async () => {
    delete process.env.REDIS_URL;
    delete process.env.WORKER;
    await redis.close();
  });

  it('withTestAdapter replaces the adapter that forRootAsync would build: jobs are recorded, Redis is never dialled', async () => {
    process.env.REDIS_URL = redis.url;
    process.env.WORKER = '1';
    const adapter = new TestAdapter();
    const moduleRef = await init(await withTestAdapter(Test.createTestingModule({ imports: [SignupAppModule] }), adapter).compile());

    expect(moduleRef.get(QUEUE_ADAPTER)).toBe(adapter);
    expect(moduleRef.get(WorkerOrchestrator).consumedQueues).toEqual([]);
    expect(moduleRef.get(getQueueToken('mailers'), { strict: false })).toBeNull();
    await WelcomeEmailJob.performLater(1);
    JobTestHelper.from(moduleRef).assertEnqueuedWith(WelcomeEmailJob, { args: [1] });
    expect(adapter.enqueuedJobs).toHaveLength(1);

    await moduleRef.close();
    expect(redis.connections).toBe(0);
  });

  it('works the same for an app configured with forRoot', async () => {
    const moduleRef = await init(await withTestAdapter(Test.createTestingModule({ imports: [bullAppModule(redis.url)] })).compile());

    await WelcomeEmailJob.set({ wait: '1h' }).performLater(2);
    JobTestHelper.from(moduleRef).assertEnqueuedWith(WelcomeEmailJob, { args: [2], wait: '1h' });

    await moduleRef.close();
    expect(redis.connections).toBe(0);
  });

  it('without it, the same app dials its Redis, and JobTestHelper refuses it saying how to switch', async () => {
    process.env.REDIS_URL = redis.url;
    const moduleRef = await init(await Test.createTestingModule({ imports: [SignupAppModule] }).compile());
    try {
      await waitUntil(() => redis.connections > 0, 5_000, 'the app to dial its Redis');
      expect(() => JobTestHelper.from(moduleRef)).toThrow(TestAdapterRequiredError);
      expect(() => JobTestHelper.from(moduleRef)).toThrow(
        'The job test helpers need the test adapter, but this application enqueues to Bull. ' +
          'Build the test module with withTestAdapter(Test.createTestingModule({ imports: [AppModule] })), ' +
          "or configure ActiveJobModule.forRoot({ adapter: 'test' }) in the test.",
      );
    } finally {
      await moduleRef.close();
    }
  });

  it('on a real Redis, writes no key at all, where the app without the swap writes its jobs', async () => {
    const prefix = uniquePrefix();
    const client = new Redis(testRedisUrl());
    try {
      const swapped = await init(await withTestAdapter(Test.createTestingModule({ imports: [bullAppModule(testRedisUrl(), prefix)] })).compile());
      await WelcomeEmailJob.performLater(1);
      await ReminderJob.performLater(1, { since: new Date(0), topics: new Set<string>() });
      await swapped.close();
      expect(await client.keys(`${prefix}:*`)).toEqual([]);

      // The control: the same module, not swapped, stores the job under the prefix.
      const real = await init(await Test.createTestingModule({ imports: [bullAppModule(testRedisUrl(), prefix)] }).compile());
      real.get(WorkerOrchestrator); // the worker is enabled, so close promptly after the check
      await WelcomeEmailJob.set({ wait: '1h' }).performLater(1);
      await real.close();
      expect(await client.keys(`${prefix}:mailers:*`)).toContain(`${prefix}:mailers:delayed`);
    } finally {
      const leftovers = await client.keys(`${prefix}:*`);
      if (leftovers.length) await client.del(...leftovers);
      client.disconnect();
    }
  });
});
