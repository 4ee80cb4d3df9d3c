import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue, PayloadTooLargeError } from '../../src/active-job';
import { WelcomeEmailJob } from '../../src/demo/jobs';
import { UsersRepository } from '../../src/demo/users';
import { waitFor } from '../support/wait-until';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import { RecordedJob } from './fixtures/recorded.job';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { signUp } from './support/http';
import { signupStillFlows, welcomePayload, writeRawJob } from './support/raw-jobs';
import { recordResult } from './support/results';

// Jobs the workers cannot or must not perform, and jobs that must not be performed twice, in the
// demo's mailers queue with two `npm run worker` processes consuming it.
describe('reliability: bad and duplicate jobs', () => {
  let stack: DemoStack;
  let web: string;
  let workers: ChildApp[];
  let producer: INestApplicationContext;

  beforeAll(async () => {
    stack = await DemoStack.start();
    let webApp: { url: string };
    [webApp, workers, producer] = await Promise.all([
      stack.startWeb(),
      Promise.all([stack.startWorker('worker-a'), stack.startWorker('worker-b')]),
      stack.producer(),
    ]);
    web = webApp.url;
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('scenario 10: corrupt payloads written straight into Redis each fail with a deserialization error, without retries; other jobs keep flowing', async () => {
    const corrupt: [string, string, string][] = [
      ['not JSON', '{"v":1,"jobClass":"WelcomeEmailJob","argu', 'Job payload is not valid JSON: '],
      ['JSON, not an object', '[1,2,3]', 'Job payload must be an object, got an array'],
      ['an unknown version', JSON.stringify(welcomePayload({ v: 99 })), 'Job payload version 99 is not supported (this worker reads versions 1 and 2)'],
      ['no job id', JSON.stringify(welcomePayload({ jobId: '' })), 'Job payload field "jobId" must be a non-empty string'],
      ['arguments not a list', JSON.stringify(welcomePayload({ arguments: { 0: 1 } })), 'Job payload field "arguments" must be an array'],
      [
        'an unknown serialized type',
        JSON.stringify(welcomePayload({ arguments: [{ _aj_serialized: 'Money', value: '1 EUR' }] })),
        'Cannot deserialize arguments[0]: no serializer for type "Money"',
      ],
    ];
    const ids = [];
    for (const [, data] of corrupt) ids.push(await writeRawJob(stack, data));
    const flowedMs = await signupStillFlows(stack, web, 'after.corrupt@example.com');

    const outcomes = await Promise.all(
      ids.map(async (id, index) => {
        expect(await stack.waitForFinished(id)).toBe('failed');
        const job = await stack.job(id);
        return { payload: corrupt[index][0], failedReason: job.failedReason.slice(0, corrupt[index][2].length), attemptsMade: job.attemptsMade };
      }),
    );
    // Five attempts were allowed, but a retry cannot mend a broken payload: one run each.
    expect(outcomes).toEqual(corrupt.map(([name, , reason]) => ({ payload: name, failedReason: reason, attemptsMade: '1' })));
    expect(workers.every((worker) => worker.running)).toBe(true);
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0 });
    recordResult(10, { corruptPayloads: corrupt.length, failedWithoutRetry: corrupt.length, nextSignupEmailedMs: flowedMs });
  }, 60_000);

  it('scenario 11: a job of a class no worker knows fails with an error naming it and the known classes; other jobs keep flowing', async () => {
    const id = await writeRawJob(stack, JSON.stringify(welcomePayload({ jobClass: 'GhostJob' })), {
      name: 'GhostJob',
      opts: { attempts: 1, preventParsingData: true },
    });
    const flowedMs = await signupStillFlows(stack, web, 'after.ghost@example.com');
    expect(await stack.waitForFinished(id)).toBe('failed');
    expect((await stack.job(id)).failedReason).toBe(
      'Unknown job class "GhostJob": this worker knows WelcomeEmailJob, CrmSyncJob, PartnerWebhookJob, MailDeliveryJob. Register it with ActiveJobModule.forFeature([GhostJob]) in the worker\'s modules.',
    );
    expect(
      workers.some((worker) => /Error performing GhostJob \(Job ID: raw-[\w]+\) from Bull\(mailers\) in [\d.]+ms: UnknownJobClassError/.test(worker.log)),
    ).toBe(true);
    recordResult(11, { nextSignupEmailedMs: flowedMs });
  }, 60_000);

  it('scenario 12: an oversized payload is refused at enqueue with PayloadTooLargeError, and nothing reaches Redis', async () => {
    const prefix = uniquePrefix();
    const app = await createJobsApp({ jobs: [RecordedJob], connection: stack.redis.url, prefix, maxPayloadBytes: 64 * 1024 });
    try {
      const jobs = app.get(JobQueue);
      const huge = 'x'.repeat(64 * 1024);
      const refused = await jobs.performLater(RecordedJob, huge).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PayloadTooLargeError);
      expect((refused as Error).message).toMatch(
        /^RecordedJob payload is 65\d\d\d bytes, over the limit of 65536 bytes \(maxPayloadBytes\)\. Pass an id and load the record in perform\(\) instead of passing the data\.$/,
      );
      // In a batch, one oversized job refuses the whole batch before anything is stored.
      await expect(jobs.performAllLater(RecordedJob, [['small'], [huge], ['small too']])).rejects.toThrow(PayloadTooLargeError);
      expect(await stack.inspect.keys(`${prefix}:*`)).toEqual([]);
      // Just under the limit is fine.
      await expect(jobs.performLater(RecordedJob, 'x'.repeat(60 * 1024))).resolves.toMatchObject({ queueName: 'recorded' });
      expect(await stack.inspect.llen(`${prefix}:recorded:wait`)).toBe(1);
    } finally {
      await app.close();
    }
    recordResult(12, { limitBytes: 65_536, refusedAtEnqueue: true });
  });

  it("scenario 13: duplicate signups, and duplicate enqueues of one user's welcome job (its idempotency key) performed one after another: one email each", async () => {
    // The same person submitting five times at once, in any case: one user, one job, one email.
    const variants = ['twice@example.com', 'Twice@example.com', 'TWICE@EXAMPLE.COM', 'twice@Example.com', 'twice@example.COM'];
    const createdBefore = await stack.jobsCreated();
    const statuses = (await Promise.all(variants.map((email) => signUp(web, { email, name: 'Twice' })))).map((response) => response.status);
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
    await stack.waitForWelcomed('twice@example.com');
    expect(await stack.jobsCreated()).toBe(createdBefore + 1);

    // The same job enqueued five times for one user (a client retry after a timeout, a double click that
    // reached two web processes): the job's own check of welcomed_at makes every later run a no-op.
    const user = producer.get(UsersRepository).create({ email: 'enqueued.five.times@example.com', name: 'Five Times' });
    const jobs = producer.get(JobQueue);
    for (let run = 0; run < 5; run++) {
      const { providerJobId } = await jobs.performLater(WelcomeEmailJob, user.id);
      await stack.waitForFinished(providerJobId);
    }
    await waitFor(
      'both emails to be counted',
      () => stack.mail.mailsTo('twice@example.com').length === 1 && stack.mail.mailsTo('enqueued.five.times@example.com').length === 1,
    );
    expect(stack.mail.mailsTo('twice@example.com')).toHaveLength(1);
    expect(stack.mail.mailsTo('enqueued.five.times@example.com')).toHaveLength(1);
    expect(workers.reduce((skips, worker) => skips + worker.count(new RegExp(`Skipped WelcomeEmailJob .*user ${user.id} was welcomed already`)), 0)).toBe(4);
    recordResult(13, { duplicateSignups: 5, usersCreated: 1, duplicateEnqueues: 5, emails: 1 });
  }, 60_000);

  // Two workers take two copies of the job at the same moment: both read welcomed_at as empty and both
  // send. The SMTP server here is as slow as real ones often are (it holds the first delivery until a
  // second one starts, or 1.5 s), which makes the race certain instead of likely.
  // WelcomeEmailJob claims the user (a lease) before sending: the second copy finds the claim taken and
  // retries after the lease, by which time the user is welcomed.
  it('scenario 13: duplicate enqueues performed at the same time by two workers: one email', async () => {
    const email = 'enqueued.concurrently@example.com';
    const user = producer.get(UsersRepository).create({ email, name: 'Concurrent Duplicates' });
    const held = stack.mail.hold(email);
    const enqueued = await producer.get(JobQueue).performAllLater(WelcomeEmailJob, [[user.id], [user.id]]);
    await stack.mail.waitForAttempts(email, 2, 1_500).catch(() => undefined);
    held.release();
    await Promise.all(enqueued.map(({ providerJobId }) => stack.waitForFinished(providerJobId)));
    await stack.waitForWelcomed(email);
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
  }, 30_000);

  // Without `preventParsingData` in its opts (a job from another Bull client, or a hand-written one),
  // Bull itself JSON.parses the data while fetching the job, outside the library's perform path; the
  // library fails such a job at once instead of letting it stall the worker's loop.
  it('scenario 10: a corrupt job written without preventParsingData fails at once with a deserialization error, and the next job is not held back', async () => {
    const id = await writeRawJob(stack, '{"v":1,"jobClass":"WelcomeEmailJob","argu', { opts: { attempts: 5 } });
    expect((await signUp(web, { email: 'after.unparsed@example.com', name: 'After Unparsed' })).status).toBe(201);
    await stack.mail.waitForMailTo('after.unparsed@example.com', 3_000);
    expect(await stack.waitForFinished(id, 1_000)).toBe('failed');
    expect((await stack.job(id)).failedReason).toMatch(/JSON/);
  }, 30_000);
});
