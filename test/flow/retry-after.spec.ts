import type { INestApplicationContext } from '@nestjs/common';
import { PerformedLog } from '../jobs/performed-log';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { RateLimitedJob } from './jobs/rate-limited.job';

describe.each([
  ['bull', () => ({ connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } })],
  ['async', () => ({ adapter: 'async' as const })],
])('retryAfter() on the %s adapter', (_name, options) => {
  let app: INestApplicationContext;
  let log: PerformedLog;

  beforeEach(async () => {
    app = await createJobsApp({ jobs: [RateLimitedJob], ...options() });
    log = app.get(PerformedLog);
  });

  afterEach(() => app.close());

  it('runs the job again after the wait, the postponed run not counting as an execution', async () => {
    const handle = await RateLimitedJob.performLater('retry-after');
    const startedAt = Date.now();
    const entries = await log.waitFor(2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(450);
    expect(entries.map((entry) => [entry.jobId, entry.executions])).toEqual([
      [handle.jobId, 1],
      [handle.jobId, 1],
    ]);
  });

  it('leaves the attempts a @RetryOn handler counted as they were', async () => {
    const handle = await RateLimitedJob.performLater('error-then-retry-after');
    const entries = await log.waitFor(3);
    // Run 1 failed (retry: executions 2), run 2 asked to wait (run 3 is still the 2nd execution).
    expect(entries.map((entry) => [entry.jobId, entry.executions])).toEqual([
      [handle.jobId, 1],
      [handle.jobId, 2],
      [handle.jobId, 2],
    ]);
  });
});
