import type { INestApplicationContext } from '@nestjs/common';
import { PerformedLog } from '../jobs/performed-log';
import { ChildOrderedHandlersJob, OrderedHandlersJob } from '../jobs/ordered-handlers.job';
import { RetryJob, UnhandledError } from '../jobs/retry.job';
import { createJobsApp } from '../support/jobs-app';

/** The exceptions scenarios that need no scheduling, on the in-process adapters. */
describe.each(['inline', 'async'] as const)('retries and discards on the %s adapter', (adapter) => {
  let app: INestApplicationContext;
  let log: PerformedLog;
  const notes = () => log.entries.map((entry) => entry.args[0]);
  // Inline performs inside performLater; async performs soon after.
  const settle = async (count: number) => (adapter === 'inline' ? log.entries : log.waitFor(count));

  beforeEach(async () => {
    app = await createJobsApp({ jobs: [RetryJob, OrderedHandlersJob, ChildOrderedHandlersJob], adapter });
    log = app.get(PerformedLog);
  });

  afterEach(() => app.close());

  it('retries at once when the declaration waits 0, counting executions', async () => {
    await RetryJob.performLater('InstantRetryError', 3);
    await settle(3);
    expect(notes()).toEqual(['Raised InstantRetryError for the 1st time', 'Raised InstantRetryError for the 2nd time', 'Successfully completed job']);
    expect(log.entries.map((entry) => entry.executions)).toEqual([1, 2, 3]);
    expect(new Set(log.entries.map((entry) => entry.jobId)).size).toBe(1);
  });

  it('discards and runs after_discard', async () => {
    await RetryJob.performLater('DiscardableError', 2);
    await settle(2);
    expect(notes()).toEqual(['Raised DiscardableError for the 1st time', 'Ran after_discard for job. Message: DiscardableError']);
  });

  it('rescues with a @RescueFrom method', async () => {
    await RetryJob.performLater('RescuableError', 2);
    await settle(2);
    expect(notes()).toEqual(['Raised RescuableError for the 1st time', 'Rescued RescuableError on run 1']);
  });

  it('runs onExhausted when retries run out', async () => {
    await RetryJob.performLater('CustomCatchError', 6);
    await settle(7);
    expect(notes().at(-2)).toBe('Dealt with a job that failed to retry in a custom way after 5 attempts. Message: CustomCatchError');
  });

  it('lets an unhandled error fail the job, after_discard first', async () => {
    const enqueue = RetryJob.performLater('UnhandledError', 2);
    if (adapter === 'inline') await expect(enqueue).rejects.toThrow(UnhandledError);
    else await enqueue;
    await settle(2);
    expect(notes()).toEqual(['Raised UnhandledError for the 1st time', 'Ran after_discard for job. Message: UnhandledError']);
  });

  it('searches handlers from the last declared, and a subclass before its parent', async () => {
    await OrderedHandlersJob.performLater('timeout');
    await OrderedHandlersJob.performLater('other');
    await ChildOrderedHandlersJob.performLater('timeout');
    await settle(4);
    const runs = log.entries.map((entry) => `${entry.job}:${String(entry.args[0])}#${entry.executions}`);
    // Retried (RetryOn is declared after DiscardOn(Error)); discarded; discarded by the child's own handler.
    expect(runs.sort()).toEqual(
      ['ChildOrderedHandlersJob:timeout#1', 'OrderedHandlersJob:other#1', 'OrderedHandlersJob:timeout#1', 'OrderedHandlersJob:timeout#2'].sort(),
    );
  });
});
