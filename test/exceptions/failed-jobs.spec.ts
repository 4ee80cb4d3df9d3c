import type { INestApplicationContext } from '@nestjs/common';
import { FailedJobs, InvalidJobOptionsError } from '../../src/active-job';
import { PerformedLog } from '../jobs/performed-log';
import { AlwaysFailingJob } from '../jobs/retry-extras.jobs';
import { RetryJob } from '../jobs/retry.job';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

describe('FailedJobs', () => {
  let app: INestApplicationContext;
  let failedJobs: FailedJobs;

  beforeEach(async () => {
    app = await createJobsApp({ jobs: [RetryJob, AlwaysFailingJob], connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } });
    failedJobs = app.get(FailedJobs);
    await RetryJob.performLater('UnhandledError', 2);
    await AlwaysFailingJob.performLater();
    await waitUntil(async () => (await failedJobs.list()).length === 2);
  });

  afterEach(() => app.close());

  it('lists failed jobs with their class, arguments, reason, stack and executions', async () => {
    const [failed] = await failedJobs.list({ queue: 'retries', jobClass: RetryJob });
    expect(failed).toMatchObject({
      queueName: 'retries',
      jobClass: 'RetryJob',
      jobId: expect.any(String),
      arguments: ['UnhandledError', 2],
      failedReason: 'UnhandledError',
      attemptsMade: 1,
      executions: 1,
      failedAt: expect.any(Date),
    });
    expect(failed.stacktrace[0]).toContain('UnhandledError');
    expect(await failedJobs.list({ jobClass: 'AlwaysFailingJob' })).toHaveLength(1);
  });

  it('retries the failed jobs of one class: they run again', async () => {
    const log = app.get(PerformedLog);
    const before = log.entries.length;
    expect(await failedJobs.retry({ jobClass: AlwaysFailingJob })).toBe(1);
    await log.waitFor(before + 1);
    expect(log.entries.at(-1)?.job).toMatch(/^AlwaysFailingJob/);
    await waitUntil(async () => (await failedJobs.list({ jobClass: AlwaysFailingJob })).length === 1);
    expect(await failedJobs.list({ jobClass: RetryJob })).toHaveLength(1);
  });

  it('discards the failed jobs of a queue for good', async () => {
    expect(await failedJobs.discard({ queue: 'retries' })).toBe(2);
    expect(await failedJobs.list()).toEqual([]);
  });

  it('says clearly that only the bull adapter keeps failed jobs', async () => {
    const inline = await createJobsApp({ jobs: [RetryJob], adapter: 'inline' });
    try {
      await expect(inline.get(FailedJobs).list()).rejects.toThrow(
        new InvalidJobOptionsError('FailedJobs needs the bull adapter, whose state lives in Redis; this application uses Inline'),
      );
    } finally {
      await inline.close();
    }
  });
});
