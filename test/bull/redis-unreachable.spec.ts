import { EnqueueAllError, JobQueue, RedisUnavailableError } from '../../src/active-job';
import { RecordJob } from '../jobs/record.job';
import { freePort } from '../support/free-port';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import { RedisServer } from '../support/redis-server';

describe('when Redis cannot be reached', () => {
  it('rejects performLater within the default bound of 5 s, saying Redis cannot be reached', async () => {
    const port = await freePort();
    const app = await createJobsApp({ jobs: [RecordJob], connection: `redis://127.0.0.1:${port}`, prefix: uniquePrefix() });
    try {
      const startedAt = Date.now();
      const error = await RecordJob.performLater('lost?').catch((caught) => caught);
      const elapsed = Date.now() - startedAt;
      expect(error).toBeInstanceOf(RedisUnavailableError);
      expect(error.message).toContain(`Redis cannot be reached at redis://127.0.0.1:${port}: could not enqueue RecordJob to Bull(records)`);
      expect(error.maybeStored).toBe(false); // never connected, so nothing was sent
      expect(elapsed).toBeGreaterThanOrEqual(4_900);
      expect(elapsed).toBeLessThan(6_000);
    } finally {
      await app.close();
    }
  });

  it('honours a shorter enqueueTimeout, also when Redis goes away after start', async () => {
    const redis = await RedisServer.start();
    const app = await createJobsApp({ jobs: [RecordJob], connection: redis.url, prefix: uniquePrefix(), enqueueTimeout: '400ms' });
    try {
      await RecordJob.performLater('while-up');
      await redis.stop();
      const startedAt = Date.now();
      await expect(RecordJob.performLater('while-down')).rejects.toThrow(RedisUnavailableError);
      expect(Date.now() - startedAt).toBeLessThan(1_500);
    } finally {
      await app.close();
      await redis.stop();
    }
  });

  it('enqueues again once Redis is back, without restarting the app', async () => {
    const redis = await RedisServer.start();
    const app = await createJobsApp({ jobs: [RecordJob], connection: redis.url, prefix: uniquePrefix(), enqueueTimeout: 300 });
    try {
      await redis.kill();
      await expect(RecordJob.performLater('down')).rejects.toThrow(RedisUnavailableError);
      await redis.restart();
      await expect(RecordJob.set({}).performLater('up again')).resolves.toMatchObject({ queueName: 'records' });
    } finally {
      await app.close();
      await redis.stop();
    }
  });

  it('fails every job of a same-tick batch on its own when Redis stops answering, each maybe stored, within the timeout', async () => {
    const redis = await RedisServer.start();
    const app = await createJobsApp({ jobs: [RecordJob], connection: redis.url, prefix: uniquePrefix(), enqueueTimeout: 300 });
    try {
      await RecordJob.performLater('while-up');
      process.kill(redis.pid!, 'SIGSTOP'); // connected, but nothing answers
      const startedAt = Date.now();
      const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((name) => RecordJob.performLater(name)));
      const elapsed = Date.now() - startedAt;
      process.kill(redis.pid!, 'SIGCONT');
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const error = (outcome as PromiseRejectedResult).reason;
        expect(error).toBeInstanceOf(RedisUnavailableError);
        expect(error.maybeStored).toBe(true); // sent, so Redis may store it once it wakes up
        expect(error.message).toContain('could not enqueue RecordJob to Bull(records) (no answer after 300 ms');
      }
      expect(elapsed).toBeGreaterThanOrEqual(280);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await app.close();
      await redis.stop();
    }
  });

  it('fails a performAllLater across three queues within one enqueueTimeout, not one per queue', async () => {
    const redis = await RedisServer.start();
    const app = await createJobsApp({ jobs: [RecordJob], connection: redis.url, prefix: uniquePrefix(), enqueueTimeout: 600 });
    try {
      await RecordJob.performLater('while-up');
      process.kill(redis.pid!, 'SIGSTOP');
      const startedAt = Date.now();
      const error = await app
        .get(JobQueue)
        .performAllLater(['q1', 'q2', 'q3'].map((queue) => RecordJob.set({ queue }).with(queue)))
        .catch((caught) => caught);
      const elapsed = Date.now() - startedAt;
      process.kill(redis.pid!, 'SIGCONT');
      expect(error).toBeInstanceOf(EnqueueAllError);
      expect(error.failed).toHaveLength(3);
      // The queues are added to at once: one timeout (600 ms), where one after another would take three (1800 ms).
      expect(elapsed).toBeGreaterThanOrEqual(580);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await app.close();
      await redis.stop();
    }
  });
});
