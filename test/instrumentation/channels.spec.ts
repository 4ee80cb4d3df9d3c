import diagnosticsChannel from 'node:diagnostics_channel';
import type { INestApplicationContext } from '@nestjs/common';
import { EnqueueAllEvent, JOB_CHANNEL_NAMES, JobEvent, RedisUnavailableError } from '../../src/active-job';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { RetryJob } from '../jobs/retry.job';
import { freePort } from '../support/free-port';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

type Received = { channel: string; event: JobEvent & EnqueueAllEvent };

describe('instrumentation on node:diagnostics_channel', () => {
  let app: INestApplicationContext;
  let received: Received[];
  const listeners = Object.values(JOB_CHANNEL_NAMES).map(
    (channel) => [channel, (event: unknown) => received.push({ channel, event: event as Received['event'] })] as const,
  );
  const on = (channel: string) => received.filter((entry) => entry.channel === channel).map((entry) => entry.event);

  beforeEach(async () => {
    received = [];
    for (const [channel, listener] of listeners) diagnosticsChannel.subscribe(channel, listener);
    app = await createJobsApp({ jobs: [RecordJob, RetryJob], connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } });
  });

  afterEach(async () => {
    for (const [channel, listener] of listeners) diagnosticsChannel.unsubscribe(channel, listener);
    await app.close();
  });

  it('publishes enqueue, perform_start and perform with the job and durations', async () => {
    const handle = await RecordJob.performLater('observed', new Date(0));
    await app.get(PerformedLog).waitFor(1);
    await waitUntil(() => on('active_job.perform').length === 1);
    const [enqueue] = on('active_job.enqueue');
    expect(enqueue).toMatchObject({
      adapter: 'Bull',
      logArguments: true,
      job: { jobClass: 'RecordJob', jobId: handle.jobId, providerJobId: handle.providerJobId, queueName: 'records', arguments: ['observed', new Date(0)] },
    });
    expect(enqueue.durationMs).toBeGreaterThan(0);
    expect(on('active_job.perform_start')[0].job).toMatchObject({ jobId: handle.jobId, executions: 1 });
    const [perform] = on('active_job.perform');
    expect(perform.job.arguments).toEqual(['observed', new Date(0)]);
    expect(perform.durationMs).toBeGreaterThanOrEqual(0);
    expect(perform.error).toBeUndefined();
    expect(perform.source).toBe(enqueue.source);
  });

  it('publishes enqueue_at for scheduled jobs and enqueue_all for bulk', async () => {
    await RecordJob.set({ wait: '1h' }).performLater('later');
    await RecordJob.performAllLater([['a'], ['b']]);
    expect(on('active_job.enqueue_at')[0].job.scheduledAt).toEqual(expect.any(String));
    expect(on('active_job.enqueue_all')[0]).toMatchObject({ jobClass: 'RecordJob', queueName: 'records', enqueuedCount: 2, failedCount: 0 });
  });

  it('publishes enqueue_retry, retry_stopped and discard with the error', async () => {
    await RetryJob.performLater('InstantRetryError', 5);
    await RetryJob.performLater('DiscardableError', 2);
    await waitUntil(() => on('active_job.retry_stopped').length === 1 && on('active_job.discard').length === 1);
    const retries = on('active_job.enqueue_retry');
    expect(retries.map((event) => event.job.executions)).toEqual([1, 2]);
    expect(retries[0].waitMs).toBe(0);
    expect(retries[0].error).toBeInstanceOf(Error);
    expect((on('active_job.retry_stopped')[0].error as Error).message).toBe('InstantRetryError');
    expect((on('active_job.discard')[0].error as Error).message).toBe('DiscardableError');
    await waitUntil(() => on('active_job.perform').some((event) => event.error));
    expect(
      on('active_job.perform')
        .filter((event) => event.error)
        .map((event) => (event.error as Error).message),
    ).toEqual(['InstantRetryError']);
  });

  it('publishes a failed enqueue with its error', async () => {
    const unreachable = await createJobsApp({
      jobs: [RecordJob],
      connection: `redis://127.0.0.1:${await freePort()}`,
      prefix: uniquePrefix(),
      enqueueTimeout: 200,
    });
    try {
      await expect(RecordJob.performLater('nowhere')).rejects.toThrow(RedisUnavailableError);
      expect(on('active_job.enqueue').at(-1)?.error).toBeInstanceOf(RedisUnavailableError);
    } finally {
      await unreachable.close();
    }
  });
});
