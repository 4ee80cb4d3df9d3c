import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { QUEUE_ADAPTER } from '../../src/active-job';
import type { BullAdapter } from '../../src/active-job/adapters/bull.adapter';
import { PerformedLog } from '../jobs/performed-log';
import { AlwaysFailingJob, DeepStackJob, ManyAttemptsJob, PostponingJob, StubbornJob } from '../jobs/retry-extras.jobs';
import { RetryJob } from '../jobs/retry.job';
import { nextDelayed, promoteNextRetry } from '../support/bull-retries';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

/** ActiveJob's exceptions_test.rb on Bull and a real Redis; Bull holds each retry back, the test promotes it. */
describe('retries and discards on Bull', () => {
  let app: INestApplicationContext;
  let log: PerformedLog;
  let queue: Queue;
  const notes = () => log.entries.filter((entry) => entry.job === 'RetryJob').map((entry) => entry.args[0]);

  beforeEach(async () => {
    app = await createJobsApp({
      jobs: [RetryJob, AlwaysFailingJob, PostponingJob, StubbornJob, DeepStackJob, ManyAttemptsJob],
      connection: testRedisUrl(),
      prefix: uniquePrefix(),
      worker: { enabled: true },
    });
    log = app.get(PerformedLog);
    queue = app.get<Queue>(getQueueToken('retries'), { strict: false });
  });

  afterEach(() => app.close());

  async function finalState(providerJobId: string): Promise<string> {
    let state = '';
    await waitUntil(async () => ['completed', 'failed'].includes((state = await (await queue.getJob(providerJobId))!.getState())));
    return state;
  }

  it('retries a job that raised a retryable error against the defaults: 3 s apart, 5 attempts', async () => {
    await RetryJob.performLater('DefaultsError', 5);
    const delays: number[] = [];
    for (let retry = 1; retry <= 4; retry++) {
      const { delay, payload } = await promoteNextRetry(queue);
      delays.push(delay);
      // Payload version 2 keeps only what Bull does not: the runs so far (ex) and per-handler counters (ee).
      expect(payload).toMatchObject({ v: 2, ex: retry, ee: { '[DefaultsError]': retry } });
    }
    await log.waitFor(5);
    expect(notes()).toEqual([
      'Raised DefaultsError for the 1st time',
      'Raised DefaultsError for the 2nd time',
      'Raised DefaultsError for the 3rd time',
      'Raised DefaultsError for the 4th time',
      'Successfully completed job',
    ]);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_950);
      expect(delay).toBeLessThanOrEqual(3_450);
    }
  });

  it('keeps one attempts counter for the errors of one declaration, and fails when it runs out', async () => {
    const handle = await RetryJob.performLater(
      ['FirstRetryableErrorOfTwo', 'FirstRetryableErrorOfTwo', 'FirstRetryableErrorOfTwo', 'SecondRetryableErrorOfTwo', 'SecondRetryableErrorOfTwo'],
      5,
    );
    await log.waitFor(5);
    expect(notes()).toEqual([
      'Raised FirstRetryableErrorOfTwo for the 1st time',
      'Raised FirstRetryableErrorOfTwo for the 2nd time',
      'Raised FirstRetryableErrorOfTwo for the 3rd time',
      'Raised SecondRetryableErrorOfTwo for the 4th time',
      'Ran after_discard for job. Message: SecondRetryableErrorOfTwo',
    ]);
    // The 4th run is its own Bull job (each retry is enqueued anew): find it by our job id in the failed set.
    await waitUntil(async () => (await queue.getFailed()).length === 1);
    const [failed] = await queue.getFailed();
    expect(failed.data.id).toBe(handle.jobId);
    expect(failed.failedReason).toBe('SecondRetryableErrorOfTwo');
  });

  it('keeps a separate attempts counter for each declaration', async () => {
    const raising = [...Array(4).fill('DefaultsError'), ...Array(3).fill('FirstRetryableErrorOfTwo')];
    await RetryJob.performLater(raising, 10);
    for (let retry = 1; retry <= 4; retry++) await promoteNextRetry(queue);
    await log.waitFor(8);
    expect(notes().slice(3)).toEqual([
      'Raised DefaultsError for the 4th time',
      'Raised FirstRetryableErrorOfTwo for the 5th time',
      'Raised FirstRetryableErrorOfTwo for the 6th time',
      'Raised FirstRetryableErrorOfTwo for the 7th time',
      'Successfully completed job',
    ]);
  });

  it('schedules a long wait through Bull, with jitter, carrying executions in the payload', async () => {
    const enqueuedAt = Date.now();
    await RetryJob.performLater('LongWaitError', 2);
    const delayed = await nextDelayed(queue);
    expect(delayed.opts.delay).toBeGreaterThanOrEqual(3_600_000 - 1_000);
    expect(delayed.opts.delay).toBeLessThanOrEqual(3_600_000 * 1.15);
    const payload = delayed.data;
    expect(payload).toMatchObject({ v: 2, ex: 1, ee: { '[LongWaitError]': 1 }, args: ['LongWaitError', 2] });
    expect(delayed.timestamp + delayed.opts.delay!).toBeGreaterThanOrEqual(enqueuedAt + 3_600_000 - 1_000);
  });

  it('waits polynomially longer between retries', async () => {
    await RetryJob.performLater('PolynomialWaitTenAttemptsError', 4);
    const delays: number[] = [];
    for (let retry = 1; retry <= 3; retry++) delays.push((await promoteNextRetry(queue)).delay);
    await log.waitFor(4);
    [3_000, 18_000, 83_000].forEach((base, index) => {
      expect(delays[index]).toBeGreaterThanOrEqual(base - 100);
      expect(delays[index]).toBeLessThanOrEqual(2_000 + (base - 2_000) * 1.15 + 50);
    });
  });

  it('waits exactly the declared time when jitter is 0', async () => {
    await RetryJob.performLater('DisabledJitterError', 3);
    const delays = [(await promoteNextRetry(queue)).delay, (await promoteNextRetry(queue)).delay];
    await log.waitFor(3);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_950);
      expect(delay).toBeLessThanOrEqual(3_000);
    }
  });

  it('asks a wait function for each delay, and waits exponentially longer when told to', async () => {
    await RetryJob.performLater('CustomWaitTenAttemptsError', 3);
    const custom = [(await promoteNextRetry(queue)).delay, (await promoteNextRetry(queue)).delay];
    await log.waitFor(3);
    [2_000, 4_000].forEach((expected, index) => expect(custom[index]).toBeGreaterThan(expected - 60));
    [2_000, 4_000].forEach((expected, index) => expect(custom[index]).toBeLessThanOrEqual(expected));

    await RetryJob.performLater('ExponentialWaitTenAttemptsError', 3);
    const exponential = [(await promoteNextRetry(queue)).delay, (await promoteNextRetry(queue)).delay];
    [2_000, 4_000].forEach((base, index) => {
      expect(exponential[index]).toBeGreaterThan(base - 60);
      expect(exponential[index]).toBeLessThanOrEqual(base * 1.15);
    });
  });

  it('fails the job when the error keeps occurring past its attempts', async () => {
    await RetryJob.performLater('DefaultsError', 6);
    for (let retry = 1; retry <= 4; retry++) await promoteNextRetry(queue);
    await log.waitFor(6);
    expect(notes().slice(-2)).toEqual(['Raised DefaultsError for the 5th time', 'Ran after_discard for job. Message: DefaultsError']);
    await waitUntil(async () => (await queue.getFailedCount()) === 1);
  });

  it('discards a job on a discardable error: not retried, not failed, after_discard run', async () => {
    const handle = await RetryJob.performLater('DiscardableError', 2);
    expect(await finalState(handle.providerJobId)).toBe('completed');
    expect(notes()).toEqual(['Raised DiscardableError for the 1st time', 'Ran after_discard for job. Message: DiscardableError']);
    expect(await queue.getDelayedCount()).toBe(0);
  });

  it('discards on either of two errors of one declaration', async () => {
    const handle = await RetryJob.performLater('SecondDiscardableErrorOfTwo', 2);
    expect(await finalState(handle.providerJobId)).toBe('completed');
    expect(notes()[0]).toBe('Raised SecondDiscardableErrorOfTwo for the 1st time');
  });

  it('runs the custom handler of a discarded job, then after_discard', async () => {
    await RetryJob.performLater('CustomDiscardableError', 2);
    await log.waitFor(3);
    expect(notes().slice(-2)).toEqual([
      'Dealt with a job that was discarded in a custom way. Message: CustomDiscardableError',
      'Ran after_discard for job. Message: CustomDiscardableError',
    ]);
  });

  it('runs onExhausted instead of failing when retries run out, then after_discard', async () => {
    await RetryJob.performLater('CustomCatchError', 6);
    await log.waitFor(7);
    expect(notes().slice(-2)).toEqual([
      'Dealt with a job that failed to retry in a custom way after 5 attempts. Message: CustomCatchError',
      'Ran after_discard for job. Message: CustomCatchError',
    ]);
    expect(await queue.getFailedCount()).toBe(0);
  });

  it('retries without limit when attempts is unlimited', async () => {
    await RetryJob.performLater('UnlimitedRetryError', 10);
    await log.waitFor(10);
    expect(notes()[8]).toBe('Raised UnlimitedRetryError for the 9th time');
    expect(notes()[9]).toBe('Successfully completed job');
  });

  it('sends the retry to the queue and priority its declaration names, and the worker performs it there', async () => {
    const handle = await RetryJob.performLater('MovedQueueError', 2);
    // The default worker consumes every queue a job can be routed to, retry queues included.
    await log.waitFor(2);
    expect(notes()[1]).toBe('Successfully completed job');
    const elsewhere = queueNamed('retries-elsewhere');
    await waitUntil(async () => (await elsewhere.getCompletedCount()) === 1);
    const [moved] = await elsewhere.getCompleted();
    expect(moved.opts.priority).toBe(7);
    expect(moved.name).toBe('RetryJob');
    expect(moved.data).toMatchObject({ v: 2, id: handle.jobId, ex: 1 });
  });

  it('hands an error to a @RescueFrom method instead of failing', async () => {
    const handle = await RetryJob.performLater('RescuableError', 2);
    expect(await finalState(handle.providerJobId)).toBe('completed');
    expect(notes()).toEqual(['Raised RescuableError for the 1st time', 'Rescued RescuableError on run 1']);
  });

  it('fails on an error no handler takes, with message and a bounded stack, and runs after_discard', async () => {
    const handle = await RetryJob.performLater('UnhandledError', 2);
    expect(await finalState(handle.providerJobId)).toBe('failed');
    const job = (await queue.getJob(handle.providerJobId))!;
    expect(job.failedReason).toBe('UnhandledError');
    expect(job.attemptsMade).toBe(1);
    expect(notes()).toEqual(['Raised UnhandledError for the 1st time', 'Ran after_discard for job. Message: UnhandledError']);
  });

  it('keeps at most 30 lines of a deep stack in Redis', async () => {
    const handle = await DeepStackJob.performLater();
    expect(await finalState(handle.providerJobId)).toBe('failed');
    const [stack] = (await queue.getJob(handle.providerJobId))!.stacktrace;
    expect(stack.split('\n')).toHaveLength(31);
    expect(stack).toMatch(/\.\.\. 71 more lines$/);
  });

  it('keeps the stacks of the last 10 attempts in Redis, a limit it does not store with each job', async () => {
    const handle = await ManyAttemptsJob.performLater();
    expect(await finalState(handle.providerJobId)).toBe('failed');
    const job = (await queue.getJob(handle.providerJobId))!;
    expect(job.attemptsMade).toBe(12);
    expect(job.stacktrace.map((stack) => stack.split('\n')[0])).toEqual(Array.from({ length: 10 }, (_, run) => `Error: failure ${run + 3}`));
    expect(JSON.parse((await queue.client.hget(queue.toKey(handle.providerJobId), 'opts'))!)).not.toHaveProperty('stackTraceLimit');
  });

  it("retries an unhandled error through Bull's attempts, with after_discard only after the last", async () => {
    const handle = await AlwaysFailingJob.performLater();
    expect(await finalState(handle.providerJobId)).toBe('failed');
    expect(log.entries.map((entry) => entry.job)).toEqual(['AlwaysFailingJob', 'AlwaysFailingJob', 'AlwaysFailingJob:afterDiscard']);
    expect((await queue.getJob(handle.providerJobId))!.attemptsMade).toBe(2);
  });

  it('re-enqueues itself with retryJob() from inside perform, the current run completing', async () => {
    const handle = await PostponingJob.performLater();
    expect(await finalState(handle.providerJobId)).toBe('completed');
    const retry = await nextDelayed(queue);
    expect(retry.opts.delay).toBeGreaterThan(3_599_000);
    expect(retry.opts.priority).toBe(3);
    expect(retry.data).toMatchObject({ v: 2, id: handle.jobId, ex: 1 });
  });

  it('never starts a retry while a timed-out run is still going', async () => {
    const handle = await StubbornJob.performLater();
    expect(await finalState(handle.providerJobId)).toBe('failed');
    expect(log.entries.map((entry) => `${entry.job}#${entry.executions}`)).toEqual([
      'StubbornJob:start#1',
      'StubbornJob:end#1',
      'StubbornJob:start#2',
      'StubbornJob:end#2',
    ]);
    expect((await queue.getJob(handle.providerJobId))!.failedReason).toBe('StubbornJob timed out after 100 ms');
  });

  /** A queue no job class declares, straight from the module's queue registry. */
  function queueNamed(name: string): Queue {
    return app.get<BullAdapter>(QUEUE_ADAPTER).registry.get(name);
  }
});
