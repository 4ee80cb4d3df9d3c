import type { INestApplicationContext } from '@nestjs/common';
import Bull from 'bull';
import { ApplicationJob, FailedJobs, InvalidJobOptionsError, Job, JobQueue, SerializationError } from '../../src/active-job';
import { WelcomeEmailJob } from '../../src/demo/jobs';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { http } from './support/http';
import { signupStillFlows, welcomePayload, writeRawJob } from './support/raw-jobs';
import { recordResult } from './support/results';

const QUEUE = 'bull:mailers';
const BOARD = { user: 'admin', password: 'board-s3cret' };
const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

// Round 2 of the adversarial run: jobs another Bull client (or a hand) put in the demo's mailers
// queue that the library must survive, with the demo's web process (board open) and a worker.
describe('reliability: poison jobs from other clients', () => {
  let stack: DemoStack;
  let web: string;
  let worker: ChildApp;
  let producer: INestApplicationContext;
  let raw: Bull.Queue;

  beforeAll(async () => {
    stack = await DemoStack.start();
    let webApp: { url: string };
    [webApp, worker, producer] = await Promise.all([
      stack.startWeb({ BOARD_USER: BOARD.user, BOARD_PASSWORD: BOARD.password }),
      stack.startWorker('worker'),
      stack.producer(),
    ]);
    web = webApp.url;
    // Another application's Bull client on the same queue, with Bull's defaults (no preventParsingData).
    raw = new Bull('mailers', stack.redis.url);
  }, 60_000);

  afterAll(async () => {
    await raw?.close();
    await stack?.stop();
  }, 30_000);

  it('scenario 20: one failed job of unreadable data leaves FailedJobs and Bull Board working for its queue; it is listed as unreadable, the others are retried and it is discarded on its own', async () => {
    const goodId = await writeRawJob(stack, JSON.stringify(welcomePayload({ arguments: [424242] })), { failed: true });
    const corruptId = await writeRawJob(stack, '{"v":1,"jobClass":"WelcomeEmailJob","argu', { opts: { attempts: 1 }, failed: true });
    const failedJobs = producer.get(FailedJobs);

    const listed = await failedJobs.list({ queue: 'mailers' });
    expect(listed.find((job) => job.providerJobId === corruptId)).toMatchObject({
      jobId: null,
      arguments: '{"v":1,"jobClass":"WelcomeEmailJob","argu',
      unreadable: expect.stringMatching(/^Job payload is not valid JSON: /),
    });
    expect(listed.find((job) => job.providerJobId === goodId)).toMatchObject({ arguments: [424242], unreadable: null });

    const basic = { Authorization: `Basic ${Buffer.from(`${BOARD.user}:${BOARD.password}`).toString('base64')}` };
    const board = await http(web, 'GET', '/admin/queues/api/queues?activeQueue=mailers&status=failed&page=1', { headers: basic });
    expect(board.status).toBe(200);
    const boardJobs = board.json().queues.find((queue: { name: string }) => queue.name === 'mailers').jobs;
    expect(boardJobs.map((job: { id: string }) => job.id).sort()).toEqual([goodId, corruptId].sort());

    // Each on its own: retry the readable one (its user does not exist, so the worker discards it), discard the unreadable one.
    expect(await failedJobs.retry({ queue: 'mailers', providerJobId: goodId })).toBe(1);
    expect(await failedJobs.discard({ queue: 'mailers', providerJobId: corruptId })).toBe(1);
    expect(await stack.inspect.exists(`${QUEUE}:${corruptId}`)).toBe(0);
    expect(await stack.waitForFinished(goodId)).toBe('completed');
    expect(worker.log).toMatch(/Discarded WelcomeEmailJob .* due to a UserNotFoundError/);
    // A job Bull cannot parse, failed through Bull Board's own retry button, is failed again at once by the worker.
    const againId = await writeRawJob(stack, 'not json either', { opts: { attempts: 1 }, failed: true });
    expect((await http(web, 'PUT', `/admin/queues/api/queues/mailers/${againId}/retry`, { headers: basic })).status).toBe(204);
    expect(await stack.waitForFinished(againId)).toBe('failed');
    expect((await stack.job(againId)).failedReason).toMatch(/^Job payload is not valid JSON: /);
    recordResult(20, { failedJobsListed: listed.length, boardStatus: board.status, discardedAlone: true });
  }, 60_000);

  it(`scenario 21: jobs named ${PROTOTYPE_NAMES.join(', ')} from a raw Bull client fail at once as unknown classes, without retries, and hold nothing back; such a class cannot be registered`, async () => {
    const added = await Promise.all(PROTOTYPE_NAMES.map((name) => raw.add(name, welcomePayload({ jobClass: name }), { attempts: 3 })));
    const flowedMs = await signupStillFlows(stack, web, 'after.prototype.names@example.com');
    const outcomes = [];
    for (const job of added) {
      const state = await stack.waitForFinished(String(job.id));
      const stored = await stack.job(String(job.id));
      outcomes.push({ name: stored.name, state, reason: stored.failedReason.slice(0, 40), attemptsMade: stored.attemptsMade });
    }
    expect(outcomes).toEqual(
      PROTOTYPE_NAMES.map((name) => ({ name, state: 'failed', reason: `Unknown job class "${name}": this worker`.slice(0, 40), attemptsMade: '1' })),
    );
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0 });

    @Job({ queue: 'reserved' })
    class ReservedNameJob extends ApplicationJob {
      perform(): void {}
    }
    Object.defineProperty(ReservedNameJob, 'name', { value: 'valueOf' });
    const refused = await createJobsApp({ jobs: [ReservedNameJob], connection: stack.redis.url, prefix: uniquePrefix() }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidJobOptionsError);
    expect((refused as Error).message).toBe(
      'valueOf cannot be a job class name: it is a member of Object.prototype, which Bull would dispatch to instead of the job; rename the class',
    );
    recordResult(21, { prototypeNamedJobs: PROTOTYPE_NAMES.length, failedAtOnce: PROTOTYPE_NAMES.length, nextSignupEmailedMs: flowedMs });
  }, 60_000);

  it('scenario 22: a 20 MB argument from a raw client fails unperformed without retries; arguments and error messages of hundreds of KiB are cut to 1 KiB in the log, with their size', async () => {
    const logBefore = worker.log.length;
    const huge = await raw.add('WelcomeEmailJob', welcomePayload({ arguments: ['x'.repeat(20 * 1024 * 1024)] }), { attempts: 5 });
    // Under the limit, but long to print: an object of 20,000 keys (its Performing line), and a 300 KiB id quoted by UserNotFoundError (its Discarded line).
    const manyKeys = Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`k${index}`, index]));
    const wide = await raw.add('WelcomeEmailJob', welcomePayload({ arguments: [manyKeys] }), { attempts: 1 });
    const long = await raw.add('WelcomeEmailJob', welcomePayload({ arguments: ['y'.repeat(300 * 1024)] }), { attempts: 1 });
    for (const job of [huge, wide, long]) await stack.waitForFinished(String(job.id), 30_000);

    const stored = await stack.job(String(huge.id));
    expect(stored.failedReason).toMatch(/^Job payload is \d{8} bytes, over this worker's limit of 524288 bytes \(maxPayloadBytes\); it was not performed$/);
    expect(stored.attemptsMade).toBe('1');
    await worker.waitForLog(/Discarded WelcomeEmailJob .*\[truncated: 300\.\d KiB in all\]/);
    const written = worker.log.slice(logBefore);
    expect(written).toMatch(/Performing WelcomeEmailJob .* with arguments: \{ k0: 0, .*\.\.\. \[truncated: \d+\.\d KiB in all\]/);
    const longestLine = Math.max(...written.split('\n').map((line) => line.length));
    expect(longestLine).toBeLessThan(2_048);
    expect(written.length).toBeLessThan(32 * 1024);
    recordResult(22, { argumentBytes: 20 * 1024 * 1024, attemptsMade: 1, workerLogBytes: written.length, longestLogLine: longestLine });
  }, 60_000);

  it('scenario 23: arguments nested 200,000 deep fail with DeserializationError at once (no RangeError, no retries), and are refused at enqueue with SerializationError', async () => {
    const depth = 200_000;
    const data = JSON.stringify(welcomePayload({ arguments: [] })).replace('"arguments":[]', `"arguments":[${'['.repeat(depth)}${']'.repeat(depth)}]`);
    const id = await writeRawJob(stack, data);
    const flowedMs = await signupStillFlows(stack, web, 'after.deep@example.com');
    expect(await stack.waitForFinished(id)).toBe('failed');
    const stored = await stack.job(id);
    expect(stored.failedReason).toMatch(/^Cannot deserialize arguments\[0\](\[0\]){100}: it is nested more than 100 levels deep$/);
    expect(stored.attemptsMade).toBe('1');

    let deep: unknown[] = [];
    for (let level = 0; level < depth; level++) deep = [deep];
    const refused = await producer
      .get(JobQueue)
      .performLater(WelcomeEmailJob, deep as never)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SerializationError);
    expect((refused as Error).message).toMatch(/^Cannot serialize arguments\[0\](\[0\]){100}: it is nested more than 100 levels deep$/);
    recordResult(23, { depth, failedWithoutRetry: true, refusedAtEnqueue: true, nextSignupEmailedMs: flowedMs });
  }, 60_000);
});
