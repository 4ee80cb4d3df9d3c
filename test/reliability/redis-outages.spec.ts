import type { INestApplicationContext } from '@nestjs/common';
import { EnqueueError, JobQueue, QUEUE_ADAPTER, RedisUnavailableError } from '../../src/active-job';
import type { BullAdapter } from '../../src/active-job/adapters/bull.adapter';
import { WelcomeEmailJob } from '../../src/demo/jobs';
import { UsersRepository } from '../../src/demo/users';
import { waitFor } from '../support/wait-until';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { http, signUp } from './support/http';
import { recordResult } from './support/results';

const ENQUEUE_TIMEOUT_MS = 1_000;

// Redis goes away, freezes, restarts, drops connections or fills up under a running web process
// and worker (child processes that are never restarted here). Redis keeps an AOF fsynced on every write.
describe('reliability: Redis outages under a running web process and worker', () => {
  let stack: DemoStack;
  let web: { app: ChildApp; url: string };
  let worker: ChildApp;
  let producer: INestApplicationContext;
  let jobs: JobQueue;

  beforeAll(async () => {
    stack = await DemoStack.start({ env: { ENQUEUE_TIMEOUT: `${ENQUEUE_TIMEOUT_MS}ms` } });
    [web, worker, producer] = await Promise.all([stack.startWeb(), stack.startWorker(), stack.producer()]);
    jobs = producer.get(JobQueue);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  afterEach(() => {
    // "Without restarting the app": every scenario here runs on the same two processes.
    expect(web.app.running && worker.running).toBe(true);
  });

  /** A user row as a signup leaves it, for jobs enqueued by the test rather than by POST /users. */
  const createUser = (email: string, name: string) => producer.get(UsersRepository).create({ email, name });

  async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const startedAt = Date.now();
    const result = await action();
    return { result, ms: Date.now() - startedAt };
  }

  it('scenario 6: Redis down (crashed, then frozen): performLater rejects within enqueueTimeout; POST /users answers 201 at once, its job waits in the outbox, and each user gets one email once Redis is back', async () => {
    // Crashed: nothing listens. performLater gives up after enqueueTimeout with the cause.
    await stack.redis.kill();
    await waitFor('the web process to see Redis down', async () => (await http(web.url, 'GET', '/health/redis')).status === 503, 5_000);
    const ownQueue = producer.get<BullAdapter>(QUEUE_ADAPTER).providerQueues()[0];
    await waitFor("this test's producer to see Redis down", () => ownQueue.client.status !== 'ready', 5_000);
    const down = await timed(() => jobs.performLater(WelcomeEmailJob, 424_242).catch((error: unknown) => error));
    expect(down.result).toBeInstanceOf(RedisUnavailableError);
    expect((down.result as RedisUnavailableError).maybeStored).toBe(false);
    expect((down.result as Error).message).toMatch(
      new RegExp(
        `^Redis cannot be reached at redis://127\\.0\\.0\\.1:${stack.redis.port}: could not enqueue WelcomeEmailJob to Bull\\(mailers\\) \\(no connection after ${ENQUEUE_TIMEOUT_MS} ms; last error: .*ECONNREFUSED`,
      ),
    );
    expect(down.ms).toBeGreaterThanOrEqual(ENQUEUE_TIMEOUT_MS - 50);
    expect(down.ms).toBeLessThan(ENQUEUE_TIMEOUT_MS + 1_000);

    // The signup writes the user and its job in one SQLite transaction: Redis is not on its path.
    const accepted = await signUp(web.url, { email: 'redis.down@example.com', name: 'Redis Down' });
    expect(accepted.status).toBe(201);
    expect(accepted.ms).toBeLessThan(ENQUEUE_TIMEOUT_MS);
    expect(stack.findUser('redis.down@example.com')).toMatchObject({ welcomed_at: null });

    await stack.redis.restart();
    await stack.waitForWelcomed('redis.down@example.com', 20_000);

    // Frozen (SIGSTOP): connections stay open but nothing answers, the case a plain connect timeout misses.
    // The producer here reconnects on its own schedule; frozen before that, its enqueue would find no connection rather than no answer.
    const producerQueues = producer.get<BullAdapter>(QUEUE_ADAPTER).providerQueues();
    await waitFor('the producer to reconnect', async () => producerQueues.every((queue) => queue.client.status === 'ready'), 15_000, 50);
    process.kill(stack.redis.pid!, 'SIGSTOP');
    const frozen = await timed(() => signUp(web.url, { email: 'redis.frozen@example.com', name: 'Redis Frozen' }));
    const frozenEnqueue = await timed(() => jobs.performLater(WelcomeEmailJob, 434_343).catch((error: unknown) => error));
    process.kill(stack.redis.pid!, 'SIGCONT');
    expect(frozen.result.status).toBe(201);
    expect(frozen.ms).toBeLessThan(ENQUEUE_TIMEOUT_MS);
    expect(frozenEnqueue.result).toBeInstanceOf(RedisUnavailableError);
    expect((frozenEnqueue.result as Error).message).toContain(`(no answer after ${ENQUEUE_TIMEOUT_MS} ms`);
    expect((frozenEnqueue.result as RedisUnavailableError).maybeStored).toBe(true);
    expect(frozenEnqueue.ms).toBeLessThan(ENQUEUE_TIMEOUT_MS + 1_000);

    // The frozen Redis had the direct enqueue in its socket buffer and stores it once thawed: late, not
    // lost, and discarded since no such user exists. The relay's attempt at the signup's job while Redis
    // was frozen may be stored late too; relayed again under the same Bull id, it is still one job.
    await worker.waitForLog(/Discarded WelcomeEmailJob \(Job ID: [\w-]+\) due to a UserNotFoundError \(user 434343 does not exist\)/, 15_000);
    await stack.waitForWelcomed('redis.frozen@example.com', 20_000);
    await waitFor('the queue to settle', async () => (await stack.queueCounts()).wait + (await stack.queueCounts()).active === 0, 10_000);
    expect(stack.mail.mailsTo('redis.frozen@example.com')).toHaveLength(1);
    expect(stack.mail.mailsTo('redis.down@example.com')).toHaveLength(1);
    recordResult(6, {
      performLaterDownMs: down.ms,
      signupDownMs: accepted.ms,
      signupFrozenMs: frozen.ms,
      performLaterFrozenMs: frozenEnqueue.ms,
      enqueueTimeoutMs: ENQUEUE_TIMEOUT_MS,
    });
  }, 60_000);

  it('scenario 7: Redis restarted while the app is idle: a delayed job that came due during the outage and a new signup both run, with no app restart', async () => {
    const user = createUser('due.during.outage@example.com', 'Due During Outage');
    const { scheduledAt } = await jobs.set(WelcomeEmailJob, { wait: 1_000 }).performLater(user.id);
    expect(await stack.queueCounts()).toMatchObject({ delayed: 1 });

    await stack.redis.stop(false); // SIGTERM: Redis writes its AOF and exits
    await waitFor('the delayed job to come due while Redis is down', () => Date.now() > scheduledAt!.getTime() + 200, 5_000);
    const restartedAt = Date.now();
    await stack.redis.restart();

    const signup = await waitFor(
      'a signup to go through after the restart',
      async () => {
        const response = await signUp(web.url, { email: 'after.restart@example.com', name: 'After Restart' });
        return response.status === 201 ? response : undefined;
      },
      15_000,
      200,
    );
    expect(signup.status).toBe(201);
    await Promise.all([stack.mail.waitForMailTo('due.during.outage@example.com', 20_000), stack.mail.waitForMailTo('after.restart@example.com', 20_000)]);
    const recoveredMs = Date.now() - restartedAt;
    expect(stack.mail.mailsTo('due.during.outage@example.com')).toHaveLength(1);
    expect(stack.mail.mailsTo('after.restart@example.com')).toHaveLength(1);
    await waitFor(
      'the queue to settle',
      async () => {
        const counts = await stack.queueCounts();
        return counts.wait + counts.active + counts.delayed === 0;
      },
      10_000,
    );
    recordResult(7, { bothEmailsAfterRestartMs: recoveredMs });
  }, 60_000);

  it("scenario 8: CLIENT KILL of the app's Redis connections mid-job: they reconnect, the job completes once, nothing stays active", async () => {
    const email = 'client.kill@example.com';
    const held = stack.mail.hold(email);
    expect((await signUp(web.url, { email, name: 'Client Kill' })).status).toBe(201);
    const providerJobId = await stack.jobIdOf(email);
    await stack.mail.waitForAttempts(email, 1);

    const killed =
      Number(await stack.inspect.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes')) +
      Number(await stack.inspect.call('CLIENT', 'KILL', 'TYPE', 'pubsub'));
    // Web: Bull client and health ping; worker: Bull client, blocking client and subscriber; this test's producer too.
    expect(killed).toBeGreaterThanOrEqual(4);
    const killedAt = Date.now();
    held.release();

    expect(await stack.waitForFinished(providerJobId)).toBe('completed');
    const completedMs = Date.now() - killedAt;
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0 });
    expect((await stack.job(providerJobId)).stalledCounter ?? '0').toBe('0');
    // Both processes work on after the reconnect: the next signup is enqueued and performed.
    expect((await signUp(web.url, { email: 'after.client.kill@example.com', name: 'After Kill' })).status).toBe(201);
    await stack.mail.waitForMailTo('after.client.kill@example.com', 20_000);
    const nextJobMs = Date.now() - killedAt;
    recordResult(8, { connectionsKilled: killed, jobCompletedMs: completedMs, nextSignupEmailedMs: nextJobMs });
  }, 60_000);

  it('scenario 9: a delayed job survives a Redis crash and restart (AOF), and runs once, not before its time', async () => {
    const email = 'delayed.across.crash@example.com';
    const user = createUser(email, 'Delayed Across Crash');
    const { scheduledAt, providerJobId } = await jobs.set(WelcomeEmailJob, { wait: 3_000 }).performLater(user.id);

    await stack.redis.kill(); // SIGKILL: no shutdown save, only what the AOF already has
    await stack.redis.restart();
    expect(await stack.inspect.zscore('bull:mailers:delayed', providerJobId)).not.toBeNull();

    const { message } = await stack.mail.waitForMailTo(email, 20_000);
    expect(message.subject).toBe('Welcome, Delayed Across Crash!');
    expect(await stack.waitForFinished(providerJobId)).toBe('completed');
    const processedOn = Number((await stack.job(providerJobId)).processedOn);
    expect(processedOn).toBeGreaterThanOrEqual(scheduledAt!.getTime());
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
    recordResult(9, { delayMs: 3_000, ranLateByMs: processedOn - scheduledAt!.getTime() });
  }, 60_000);

  it('scenario 14: Redis full (maxmemory, noeviction): signups answer 201 and their jobs wait in the outbox, performLater rejects with the OOM error; once memory is freed each user gets one email', async () => {
    expect(await stack.inspect.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    const createdBefore = await stack.jobsCreated();
    // 4 MB of other data, then a limit 1 MB under what Redis holds: it stays full whatever its buffers do.
    const fillerKeys = Array.from({ length: 64 }, (_, index) => `filler:${index}`);
    await stack.inspect.mset(Object.fromEntries(fillerKeys.map((key) => [key, 'x'.repeat(64 * 1024)])));
    const used = Number((await stack.inspect.info('memory')).match(/used_memory:(\d+)/)![1]);
    await stack.inspect.config('SET', 'maxmemory', String(used - 1024 * 1024));
    await expect(stack.inspect.set('one-more', 'x')).rejects.toThrow(/^OOM command not allowed when used memory > 'maxmemory'/);

    const accepted = await signUp(web.url, { email: 'redis.full@example.com', name: 'Redis Full' });
    expect(accepted.status).toBe(201);
    expect(accepted.ms).toBeLessThan(ENQUEUE_TIMEOUT_MS);
    expect(stack.findUser('redis.full@example.com')).toMatchObject({ welcomed_at: null });
    const rejection = await jobs.performLater(WelcomeEmailJob, 454_545).catch((error: unknown) => error);
    // Not "unavailable": Redis answered, and said no. The error says why.
    expect(rejection).toBeInstanceOf(EnqueueError);
    expect(rejection).not.toBeInstanceOf(RedisUnavailableError);
    expect((rejection as Error).message).toMatch(
      /^Could not enqueue WelcomeEmailJob to Bull\(mailers\): .*OOM command not allowed when used memory > 'maxmemory'/,
    );
    expect(await stack.jobsCreated()).toBe(createdBefore); // nothing half-written, by the relay either

    await stack.inspect.del(...fillerKeys);
    await stack.inspect.config('SET', 'maxmemory', '0');
    const freedAt = Date.now();
    await stack.mail.waitForMailTo('redis.full@example.com', 20_000);
    await stack.waitForWelcomed('redis.full@example.com');
    expect(stack.mail.mailsTo('redis.full@example.com')).toHaveLength(1);
    recordResult(14, { signupMs: accepted.ms, emailAfterFreeMs: Date.now() - freedAt });
  }, 60_000);
});
