import type { INestApplicationContext } from '@nestjs/common';
import diagnosticsChannel from 'node:diagnostics_channel';
import { JobQueue, JOB_CHANNEL_NAMES, type ReportedErrorReason, type JobEvent } from '../../src/active-job';
import { activeJobMatchers, JobTestHelper } from '../../src/active-job/testing';
import '../../src/active-job/testing/jest';
import {
  Account,
  AccountReportJob,
  accountSerializer,
  DefaultsJob,
  FailingAfterDiscardJob,
  RefusedRetryJob,
  RegionalReportJob,
  ReportedJob,
  RescuedAccountJob,
  RetriedAccountJob,
  RetriedThroughEnqueueJob,
  UnprefixedJob,
  WrappedErrorJob,
} from '../jobs/fidelity.jobs';
import { PerformedLog } from '../jobs/performed-log';
import { promoteNextRetry } from '../support/bull-retries';
import { CaptureLogger } from '../support/capture-logger';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

expect.extend(activeJobMatchers);

const ALL_JOBS = [
  RetriedThroughEnqueueJob,
  RefusedRetryJob,
  AccountReportJob,
  RescuedAccountJob,
  RetriedAccountJob,
  WrappedErrorJob,
  FailingAfterDiscardJob,
  ReportedJob,
  RegionalReportJob,
  UnprefixedJob,
  DefaultsJob,
];

/** Performs what is enqueued, and what those runs enqueue, until nothing is left (retries included). */
async function drain(helper: JobTestHelper): Promise<unknown[]> {
  const errors: unknown[] = [];
  while (helper.enqueuedJobs.length > 0) await helper.performEnqueuedJobs().catch((error) => errors.push(error));
  return errors;
}

describe('ActiveJob fidelity on the test adapter', () => {
  let app: INestApplicationContext;
  let helper: JobTestHelper;
  let log: PerformedLog;
  const reported: { error: unknown; reason: ReportedErrorReason; handled: boolean; job: string }[] = [];
  const notes = (job: string) => log.entries.filter((entry) => entry.job === job).map((entry) => entry.args);

  beforeEach(async () => {
    reported.length = 0;
    Account.existing.clear();
    Account.lagging.length = 0;
    app = await createJobsApp({
      jobs: ALL_JOBS,
      adapter: 'test',
      serializers: [accountSerializer],
      queueNamePrefix: 'production',
      defaultQueueName: 'low',
      defaultPriority: 10,
      errorReporter: { report: (error, { reason, handled, job }) => void reported.push({ error, reason, handled, job: job.jobClass }) },
    });
    helper = JobTestHelper.from(app);
    log = app.get(PerformedLog);
  });

  afterEach(() => app.close());

  describe('retries go through the enqueue path, as retry_job calls enqueue', () => {
    it('runs enqueue callbacks for each retry, which see the runs so far and the retry’s time, and publishes enqueue_at', async () => {
      const enqueueAt: JobEvent[] = [];
      const listener = (event: unknown) => enqueueAt.push(event as JobEvent);
      diagnosticsChannel.subscribe(JOB_CHANNEL_NAMES.enqueueAt, listener);
      try {
        await RetriedThroughEnqueueJob.performLater(2);
        const startedAt = Date.now();
        await drain(helper);
        const [first, ...retries] = notes('before_enqueue');
        expect(first).toEqual([0, null]);
        expect(retries.map(([executions]) => executions)).toEqual([1, 2]);
        for (const [, scheduledAt] of retries) {
          // retryJitter 0: exactly the minute @RetryOn asks for, no random extra.
          expect(scheduledAt as number).toBeGreaterThanOrEqual(startedAt + 60_000);
          expect(scheduledAt as number).toBeLessThan(Date.now() + 60_000 + 1);
        }
        expect(notes('perform')).toEqual([[1], [2], [3]]);
        expect(enqueueAt.filter((event) => event.job.jobClass === 'RetriedThroughEnqueueJob')).toHaveLength(2);
      } finally {
        diagnosticsChannel.unsubscribe(JOB_CHANNEL_NAMES.enqueueAt, listener);
      }
    });

    it("hands an error raised by an enqueue callback during a retry to the job's own handlers", async () => {
      await RefusedRetryJob.performLater();
      await drain(helper);
      expect(notes('discarded')).toEqual([['CallbackRefusedError']]);
      expect(helper.enqueuedJobs).toHaveLength(0);
    });
  });

  describe('deserialization errors reach the handlers (a record deleted since the enqueue)', () => {
    it('discards with @DiscardOn(DeserializationError), whose cause is the serializer’s error', async () => {
      Account.existing.add(1);
      await AccountReportJob.performLater(new Account(1));
      Account.existing.delete(1);
      await drain(helper);
      expect(notes('performed')).toEqual([]);
      expect(notes('discarded')).toEqual([['DeserializationError', 'AccountNotFoundError']]);
      expect(reported.map(({ reason, job }) => [job, reason])).toEqual([['AccountReportJob', 'discarded']]);
    });

    it('rescues with @RescueFrom and retries with @RetryOn(DeserializationError)', async () => {
      Account.existing.add(2);
      await RescuedAccountJob.performLater(new Account(2));
      await RetriedAccountJob.performLater(new Account(2));
      Account.existing.delete(2);
      Account.lagging.push(2);
      await drain(helper);
      expect(notes('rescued')).toEqual([["Couldn't find Account with id=2"]]);
      expect(notes('performed')).toEqual([[2, 2]]);
    });
  });

  it('matches a handler declared for the cause of a wrapped error, as rescue_with_handler does', async () => {
    await WrappedErrorJob.performLater();
    expect(await drain(helper)).toEqual([]);
    expect(notes('discarded')).toEqual([['SocketTimeoutError']]);
  });

  it('runs every @AfterDiscard, then fails the run with the first error one raised (Rails 8)', async () => {
    await FailingAfterDiscardJob.performLater();
    const errors = await drain(helper);
    expect(notes('after_discard 1')).toHaveLength(1);
    expect(notes('after_discard 2')).toHaveLength(1);
    expect(errors).toEqual([new Error('after_discard 1 failed')]);
  });

  it('reports retries with report: true, exhausted retries, discards and failures to the errorReporter', async () => {
    await ReportedJob.performLater('retry');
    await ReportedJob.performLater('discard');
    await ReportedJob.performLater('fail');
    await drain(helper);
    expect(reported.map(({ reason, handled }) => [reason, handled])).toEqual([
      ['retry', true],
      ['discarded', true],
      ['failed', false],
      ['exhausted', false],
    ]);
  });

  describe('queues and priorities, the whole vocabulary', () => {
    it('evaluates queue and priority functions of the arguments at enqueue, with the queue name prefix', async () => {
      await RegionalReportJob.performLater('eu', true);
      await RegionalReportJob.performLater('us', false);
      helper.assertEnqueuedWith(RegionalReportJob, { args: ['eu', true], queue: 'production_reports-eu', priority: 1 });
      helper.assertEnqueuedWith(RegionalReportJob, { args: ['us', false], queue: 'production_reports-us', priority: null });
      // Predicates and asymmetric matchers for queue and priority, in assertions and matchers alike.
      helper.assertEnqueuedWith(RegionalReportJob, { queue: (queue) => queue.endsWith('-eu'), priority: expect.any(Number) });
      expect(RegionalReportJob).toHaveBeenEnqueuedOn(expect.stringMatching(/reports-us$/));
    });

    it('applies defaultQueueName, defaultPriority and a class’s own prefix (none), set() queues prefixed too', async () => {
      await DefaultsJob.performLater();
      await DefaultsJob.set({ queue: 'urgent' }).performLater();
      await UnprefixedJob.performLater();
      helper.assertEnqueuedWith(DefaultsJob, { queue: 'production_low', priority: 10 });
      helper.assertEnqueuedWith(DefaultsJob, { queue: 'production_urgent' });
      helper.assertEnqueuedWith(UnprefixedJob, { queue: 'shared' });
    });

    it('performs now with set() options: the run sees their queue and priority', async () => {
      await expect(DefaultsJob.set({ queue: 'urgent', priority: 2 }).performNow()).resolves.toBe('production_urgent:2');
      await expect(DefaultsJob.performNow()).resolves.toBe('production_low:10');
    });
  });

  it('enqueues jobs of several classes at once, each with its own options (perform_all_later)', async () => {
    const handles = await app.get(JobQueue).performAllLater([RegionalReportJob.with('eu', false), DefaultsJob.set({ wait: '5m', priority: 3 }).with()]);
    expect(handles.map((handle) => handle.queueName)).toEqual(['production_reports-eu', 'production_low']);
    helper.assertEnqueuedWith(DefaultsJob, { wait: '5m', priority: 3 });
    helper.assertEnqueuedJobs(2);
  });
});

describe('ActiveJob fidelity on Bull', () => {
  let app: INestApplicationContext;

  afterEach(() => app?.close());

  it('schedules a retry at the time its enqueue callback sees, and the promoted retry runs', async () => {
    app = await createJobsApp({ jobs: [RetriedThroughEnqueueJob], connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true } });
    const log = app.get(PerformedLog);
    await RetriedThroughEnqueueJob.performLater(1);
    await waitUntil(() => log.entries.filter((entry) => entry.job === 'before_enqueue').length === 2, 10_000, 'the retry’s enqueue callback');
    const [, [executions, scheduledAt]] = log.entries.filter((entry) => entry.job === 'before_enqueue').map((entry) => entry.args);
    expect(executions).toBe(1);
    const bullQueue = app.get<{ providerQueue(name: string): import('bull').Queue }>('active-job:queue-adapter').providerQueue('fidelity');
    const { delay } = await promoteNextRetry(bullQueue);
    expect(delay).toBeGreaterThan(59_000);
    expect(delay).toBeLessThanOrEqual(60_000);
    expect(scheduledAt as number).toBeGreaterThan(Date.now() + 50_000);
    await waitUntil(() => log.entries.filter((entry) => entry.job === 'perform').length === 2, 10_000, 'the promoted retry');
  });

  it('enqueues jobs of several classes in one adapter batch', async () => {
    app = await createJobsApp({ jobs: [RegionalReportJob, DefaultsJob], connection: testRedisUrl(), prefix: uniquePrefix() });
    const adapter = app.get<{ enqueueAll: (...args: unknown[]) => unknown }>('active-job:queue-adapter');
    const enqueueAll = jest.spyOn(adapter, 'enqueueAll');
    const handles = await app.get(JobQueue).performAllLater([RegionalReportJob.with('eu', true), DefaultsJob.with(), DefaultsJob.with()]);
    expect(enqueueAll).toHaveBeenCalledTimes(1);
    expect(handles.map((handle) => handle.queueName)).toEqual(['reports-eu', 'default', 'default']);
  });
});

describe('a retry routed to another queue', () => {
  it('names, at startup, a queue jobs are routed to that this worker does not consume', async () => {
    const logger = new CaptureLogger();
    const { RetryJob } = await import('../jobs/retry.job');
    const app = await createJobsApp({
      jobs: [RetryJob],
      connection: testRedisUrl(),
      prefix: uniquePrefix(),
      worker: { enabled: true, queues: ['retries'] },
      logger,
    });
    try {
      expect(logger.lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
        'Jobs are routed to retries-elsewhere, which this worker does not consume (worker.queues): run a worker for it',
      ]);
    } finally {
      await app.close();
    }
  });
});
