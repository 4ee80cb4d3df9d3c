import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { getQueueToken, InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { makeSelfSignedCertificate } from '../support/tls-certificate';
import {
  ActiveJobModule,
  type ActiveJobModuleOptions,
  type ActiveJobOptionsFactory,
  ApplicationJob,
  EnqueueAllError,
  Job,
  JobQueue,
  QUEUE_ADAPTER,
} from '../../src/active-job';
import { BullAdapter } from '../../src/active-job/adapters/bull.adapter';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { RedisServer } from '../support/redis-server';
import { waitUntil } from '../support/wait-until';

@Job({ queue: 'records' })
class AuditJob extends ApplicationJob {
  perform(): void {}
}

@Injectable()
class RecordsQueueUser {
  constructor(@InjectQueue('records') readonly queue: Queue) {}
}

@Injectable()
class AuditQueueUser {
  constructor(@InjectQueue('records') readonly queue: Queue) {}
}

@Module({ providers: [PerformedLog], exports: [PerformedLog] })
class LogModule {}

@Module({
  imports: [ActiveJobModule.forFeature([RecordJob], { imports: [LogModule] })],
  providers: [RecordsQueueUser],
  exports: [RecordsQueueUser],
})
class RecordsModule {}

@Module({ imports: [ActiveJobModule.forFeature([AuditJob])], providers: [AuditQueueUser], exports: [AuditQueueUser] })
class AuditModule {}

async function appWith(root: ReturnType<typeof ActiveJobModule.forRoot>, ...features: any[]) {
  @Module({ imports: [root, ...features] })
  class AppModule {}
  return NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
}

describe('ActiveJobModule', () => {
  it('creates each queue once however many modules declare jobs for it', async () => {
    const app = await appWith(ActiveJobModule.forRoot({ connection: testRedisUrl(), prefix: uniquePrefix() }), RecordsModule, AuditModule);
    try {
      const first = app.get(RecordsQueueUser).queue;
      expect(first).toBe(app.get(AuditQueueUser).queue);
      expect(first).toBe(app.get(getQueueToken('records'), { strict: false }));
      const adapter = app.get<BullAdapter>(QUEUE_ADAPTER);
      expect(adapter.registry.all().filter((queue) => queue.name === 'records')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  describe('forRootAsync', () => {
    const redisConfig = () => ({ redis: { url: testRedisUrl() } });

    class OptionsFactory implements ActiveJobOptionsFactory {
      createActiveJobOptions(): ActiveJobModuleOptions {
        return { connection: testRedisUrl(), prefix: 'from-class' };
      }
    }

    @Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
    class OptionsModule {}

    it.each([
      [
        'useFactory with ConfigService',
        () =>
          ActiveJobModule.forRootAsync({
            imports: [ConfigModule.forRoot({ load: [redisConfig], ignoreEnvFile: true })],
            inject: [ConfigService],
            useFactory: async (config: ConfigService) => ({ connection: config.getOrThrow<string>('redis.url'), prefix: 'from-config' }),
          }),
        'from-config',
      ],
      ['useClass', () => ActiveJobModule.forRootAsync({ useClass: OptionsFactory }), 'from-class'],
      ['useExisting', () => ActiveJobModule.forRootAsync({ imports: [OptionsModule], useExisting: OptionsFactory }), 'from-class'],
    ])('takes its options from %s', async (_, root, prefix) => {
      const app = await appWith(root(), RecordsModule);
      try {
        const handle = await RecordJob.performLater('async-config');
        const queue = app.get<Queue>(getQueueToken('records'), { strict: false });
        expect(await queue.client.exists(`${prefix}:records:${handle.providerJobId}`)).toBe(1);
        await queue.empty();
      } finally {
        await app.close();
      }
    });

    it('says what is missing when given no factory', () => {
      expect(() => ActiveJobModule.forRootAsync({})).toThrow('ActiveJobModule.forRootAsync() needs useFactory, useClass or useExisting');
    });
  });

  it('refuses forFeature entries that are not job classes', () => {
    class NotAJob {}
    expect(() => ActiveJobModule.forFeature([NotAJob as any])).toThrow(
      'ActiveJobModule.forFeature() takes job classes that extend ApplicationJob, got NotAJob',
    );
  });

  it('stores keys under the prefix, including a Redis Cluster hash tag', async () => {
    const app = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix: '{jobs-test}' });
    try {
      const handle = await RecordJob.performLater('tagged');
      const queue = app.get<Queue>(getQueueToken('records'), { strict: false });
      expect(await queue.client.exists(`{jobs-test}:records:${handle.providerJobId}`)).toBe(1);
      await queue.empty();
    } finally {
      await app.close();
    }
  });

  it('trims completed jobs to the retention it is given', async () => {
    const app = await createJobsApp({
      jobs: [RecordJob],
      connection: testRedisUrl(),
      prefix: uniquePrefix(),
      worker: { enabled: true },
      defaultJobOptions: { removeOnComplete: 2 },
    });
    try {
      await RecordJob.performAllLater([['1'], ['2'], ['3'], ['4'], ['5']]);
      await app.get(PerformedLog).waitFor(5);
      const queue = app.get<Queue>(getQueueToken('records'), { strict: false });
      // Performed is not yet completed: wait until Bull has moved the last job out of active.
      await waitUntil(async () => (await queue.getActiveCount()) + (await queue.getWaitingCount()) === 0, 10_000, 'every job to complete');
      expect(await queue.getCompletedCount()).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('enqueues a large performAllLater in chunks of at most 1000 jobs', async () => {
    const app = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix: uniquePrefix() });
    try {
      const queue = app.get<Queue>(getQueueToken('records'), { strict: false });
      const chunkSizes: number[] = [];
      const addBulk = queue.addBulk.bind(queue);
      queue.addBulk = (jobs) => (chunkSizes.push(jobs.length), addBulk(jobs));
      const handles = await RecordJob.performAllLater(Array.from({ length: 2500 }, (_, index) => [`job-${index}`]));
      expect(chunkSizes).toEqual([1000, 1000, 500]);
      expect(new Set(handles.map((handle) => handle.providerJobId)).size).toBe(2500);
      expect(await queue.getWaitingCount()).toBe(2500);
      await queue.empty();
    } finally {
      await app.close();
    }
  });

  it('gives each job of a performAllLater over interleaved queues the handle of its own stored job', async () => {
    const app = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix: uniquePrefix() });
    try {
      const adapter = app.get<BullAdapter>(QUEUE_ADAPTER);
      const queues = ['records', 'audit', 'records', 'records', 'audit'];
      const handles = await app.get(JobQueue).performAllLater(queues.map((queue, index) => RecordJob.set({ queue }).with(`job-${index}`)));
      expect(handles.map((handle) => handle.queueName)).toEqual(queues);
      for (const [index, handle] of handles.entries()) {
        const stored = await adapter.providerQueue(handle.queueName).getJob(handle.providerJobId);
        expect(stored?.data).toMatchObject({ id: handle.jobId, args: [`job-${index}`] });
      }
      for (const queue of new Set(queues)) await adapter.providerQueue(queue).empty();
    } finally {
      await app.close();
    }
  });

  it('adds jobs enqueued in the same tick one by one, in order, each with its own handle', async () => {
    const app = await createJobsApp({ jobs: [RecordJob], connection: testRedisUrl(), prefix: uniquePrefix() });
    try {
      const queue = app.get<Queue>(getQueueToken('records'), { strict: false });
      const calls: string[] = [];
      const [add, addBulk] = [queue.add.bind(queue), queue.addBulk.bind(queue)];
      queue.add = ((...args: Parameters<Queue['add']>) => (calls.push('add'), add(...args))) as Queue['add'];
      queue.addBulk = (jobs) => (calls.push(`addBulk(${jobs.length})`), addBulk(jobs));

      const handles = await Promise.all(Array.from({ length: 50 }, (_, index) => RecordJob.performLater(`same-tick-${index}`)));
      const alone = await RecordJob.performLater('alone');

      // Not one addBulk: its MULTI costs Bull and Redis more than 50 adds on one connection (bench/).
      expect(calls).toEqual(Array(51).fill('add'));
      const ids = handles.map((handle) => Number(handle.providerJobId));
      expect(ids).toEqual([...ids].sort((a, b) => a - b)); // Bull numbers jobs as Redis receives them
      expect(new Set(ids).size).toBe(50);
      const stored = await Promise.all(handles.map((handle) => queue.getJob(handle.providerJobId)));
      expect(stored.map((job) => job!.data.args[0])).toEqual(handles.map((_, index) => `same-tick-${index}`));
      expect(stored.map((job) => job!.data.id)).toEqual(handles.map((handle) => handle.jobId));
      expect(alone.providerJobId).not.toBe(handles[49].providerJobId);
      await queue.empty();
    } finally {
      await app.close();
    }
  });

  describe('connections', () => {
    let secured: RedisServer;

    beforeAll(async () => {
      secured = await RedisServer.start({ args: ['--requirepass', 's3cret'] });
    });

    afterAll(() => secured.stop());

    it('connects with a URL carrying user, password and database', async () => {
      const prefix = uniquePrefix();
      const app = await createJobsApp({ jobs: [RecordJob], connection: `redis://default:s3cret@127.0.0.1:${secured.port}/3`, prefix });
      try {
        const handle = await RecordJob.performLater('db3');
        const probe = new Redis({ port: secured.port, password: 's3cret', db: 3 });
        expect(await probe.exists(`${prefix}:records:${handle.providerJobId}`)).toBe(1);
        probe.disconnect();
      } finally {
        await app.close();
      }
    });

    it('connects over TLS with ioredis tls options', async () => {
      const tlsDir = mkdtempSync(join(tmpdir(), 'active-job-tls-'));
      const { cert, key } = makeSelfSignedCertificate(tlsDir);
      const tlsPort = await freePort();
      const tlsRedis = await RedisServer.start({
        args: [
          '--port',
          '0',
          '--tls-port',
          String(tlsPort),
          '--tls-cert-file',
          cert,
          '--tls-key-file',
          key,
          '--tls-ca-cert-file',
          cert,
          '--tls-auth-clients',
          'no',
        ],
        port: tlsPort,
      });
      const prefix = uniquePrefix();
      const app = await createJobsApp({
        jobs: [RecordJob],
        connection: { host: '127.0.0.1', port: tlsPort, tls: { ca: readFileSync(cert) } },
        prefix,
        worker: { enabled: true },
      });
      try {
        await RecordJob.performLater('over tls');
        const [entry] = await app.get(PerformedLog).waitFor(1);
        expect(entry.args[0]).toBe('over tls');
      } finally {
        await app.close();
        await tlsRedis.stop();
        rmSync(tlsDir, { recursive: true, force: true });
      }
    });

    it('fails a wrong password within the enqueue timeout, saying why', async () => {
      const app = await createJobsApp({
        jobs: [RecordJob],
        connection: { host: '127.0.0.1', port: secured.port, password: 'wrong' },
        prefix: uniquePrefix(),
        enqueueTimeout: 500,
      });
      try {
        const error = await RecordJob.performLater('nope').catch((caught) => caught);
        expect(error.name).toBe('RedisUnavailableError');
        expect(error.message).toMatch(/Redis cannot be reached at redis:\/\/127\.0\.0\.1:\d+: could not enqueue RecordJob to Bull\(records\)/);
        expect(error.message).toMatch(/WRONGPASS|invalid password/);
        // Enqueued in one tick they share the wait for a connection, and each caller hears of the failure of its own job.
        const startedAt = Date.now();
        const together = await Promise.allSettled([RecordJob.performLater('a'), RecordJob.performLater('b')]);
        expect(Date.now() - startedAt).toBeLessThan(1_000);
        expect(together.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
        for (const outcome of together as PromiseRejectedResult[]) {
          expect(outcome.reason.name).toBe('RedisUnavailableError');
          expect(outcome.reason.maybeStored).toBe(false);
          expect(outcome.reason.message).toContain('could not enqueue RecordJob to Bull(records) (no connection after 500 ms');
        }
      } finally {
        await app.close();
      }
    });

    it('reports per-job failures of a bulk enqueue that could not reach Redis', async () => {
      const app = await createJobsApp({
        jobs: [RecordJob],
        connection: { host: '127.0.0.1', port: secured.port, password: 'wrong' },
        prefix: uniquePrefix(),
        enqueueTimeout: 300,
      });
      try {
        const error: EnqueueAllError = await RecordJob.performAllLater([['a'], ['b']]).catch((caught) => caught);
        expect(error).toBeInstanceOf(EnqueueAllError);
        expect(error.enqueued).toEqual([]);
        expect(error.failed.map((failure) => failure.index)).toEqual([0, 1]);
        expect(error.message).toContain('2 of 2 jobs were not enqueued');
      } finally {
        await app.close();
      }
    });
  });
});
