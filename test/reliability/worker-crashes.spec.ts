import { waitFor } from '../support/wait-until';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { signUp } from './support/http';
import { recordResult } from './support/results';

// Workers die or are stopped while a welcome email is being sent. The web process and two
// `npm run worker` processes are real child processes; the SMTP server holds a delivery open so
// the job is provably in flight when the signal lands.
describe('reliability: workers stopped or killed mid-job', () => {
  let stack: DemoStack;
  let web: string;
  let workers: ChildApp[] = [];

  beforeAll(async () => {
    stack = await DemoStack.start();
    ({ url: web } = await stack.startWeb());
  }, 60_000);

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    workers = [];
  });

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  /** Two workers on the mailers queue; which of them takes a job is up to Bull. */
  async function twoWorkers(extra: Record<string, string> = {}): Promise<void> {
    // Each is listed as soon as it is up, so afterEach stops it even if the other one fails to start.
    await Promise.all(['worker-a', 'worker-b'].map(async (name) => workers.push(await stack.startWorker(name, extra))));
  }

  /** Signs `email` up and resolves with Bull's id of its welcome job, once the outbox relay has moved it. */
  async function signUpAndGetJob(email: string, name: string): Promise<string> {
    const response = await signUp(web, { email, name });
    expect(response.status).toBe(201);
    return stack.jobIdOf(email);
  }

  /** The worker whose log says it started the job, and the other one. */
  async function performerOf(pattern: RegExp): Promise<{ performer: ChildApp; other: ChildApp }> {
    const performer = await waitFor(`a worker to log ${pattern}`, () => workers.find((worker) => pattern.test(worker.log)));
    return { performer, other: workers.find((worker) => worker !== performer)! };
  }

  it('scenario 1: a worker SIGKILLed mid-job: the job runs again on the other worker and completes, one email', async () => {
    const email = 'killed.mid.job@example.com';
    const held = stack.mail.hold(email);
    await twoWorkers();
    const providerJobId = await signUpAndGetJob(email, 'Killed Midjob');
    await stack.mail.waitForAttempts(email, 1);
    const { performer: victim, other: survivor } = await performerOf(/Performing WelcomeEmailJob \(Job ID: ([\w-]+)\)/);
    const [, jobId] = victim.log.match(/Performing WelcomeEmailJob \(Job ID: ([\w-]+)\)/)!;

    const killedAt = Date.now();
    expect(await victim.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await stack.queueCounts()).toMatchObject({ active: 1 }); // left behind, locked until the lock lapses
    held.release();

    await survivor.waitForLog(new RegExp(`Performed WelcomeEmailJob \\(Job ID: ${jobId}\\)`), 15_000);
    const recoveredMs = Date.now() - killedAt;
    expect(await stack.waitForFinished(providerJobId)).toBe('completed');
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
    expect(stack.mail.attempts.get(email)).toBe(2); // the killed run reached the server, the mail came from the second
    expect((await stack.job(providerJobId)).stalledCounter).toBe('1');
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0, failed: 0 });
    expect(stack.findUser(email)?.welcomed_at).not.toBeNull();
    // Lock 2 s + up to two stalled checks 0.5 s apart, plus the send: well under 8 s.
    expect(recoveredMs).toBeLessThan(8_000);
    recordResult(1, { recoveredMs, emails: 1, stalledCounter: 1 });
  }, 60_000);

  it('scenario 3: SIGTERM with a short job in flight: the job completes, then the worker exits cleanly', async () => {
    const email = 'short.job.sigterm@example.com';
    const held = stack.mail.hold(email);
    await twoWorkers({ SHUTDOWN_TIMEOUT: '10s' });
    const providerJobId = await signUpAndGetJob(email, 'Short Job');
    await stack.mail.waitForAttempts(email, 1);
    const { performer: worker } = await performerOf(/Performing WelcomeEmailJob/);

    const exiting = worker.terminate();
    // Nothing outside the process shows that the drain has begun; a moment lets SIGTERM land while the send is held.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worker.running).toBe(true); // still draining: the job holds the shutdown
    held.release();
    const exit = await exiting;

    // Nest's shutdown hooks re-raise the signal once the app has closed: exit by SIGTERM, not by the SIGKILL fallback.
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(exit.ms).toBeLessThan(10_000);
    expect(worker.log).toMatch(/Performed WelcomeEmailJob/);
    expect(worker.log).not.toMatch(/ERROR/);
    expect(await stack.waitForFinished(providerJobId, 1_000)).toBe('completed');
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0, failed: 0 });
    recordResult(3, { exitMs: exit.ms, exit: exit.signal ?? `code ${exit.code}`, emails: 1 });
  }, 60_000);

  it('scenario 4: SIGTERM with a job longer than SHUTDOWN_TIMEOUT: exits within the bound, the job runs again later, one email', async () => {
    const email = 'long.job.sigterm@example.com';
    const held = stack.mail.hold(email);
    await twoWorkers({ SHUTDOWN_TIMEOUT: '1s' });
    const providerJobId = await signUpAndGetJob(email, 'Long Job');
    await stack.mail.waitForAttempts(email, 1);
    const { performer: stopped, other: survivor } = await performerOf(/Performing WelcomeEmailJob/);

    const exit = await stopped.terminate();
    // 1 s of drain, then Bull's connections are closed: the process does not wait for the held send.
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(exit.ms).toBeLessThan(3_000);
    expect(stopped.log).not.toMatch(/Performed WelcomeEmailJob/);
    // Not completed, not failed, not dropped: still active in Redis, until its lock lapses.
    expect(await stack.queueCounts()).toMatchObject({ active: 1, failed: 0 });
    const exitedAt = Date.now();
    held.release();

    await survivor.waitForLog(/Performed WelcomeEmailJob/, 15_000);
    const rerunAfterMs = Date.now() - exitedAt;
    expect(await stack.waitForFinished(providerJobId)).toBe('completed');
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0, failed: 0 });
    recordResult(4, { exitMs: exit.ms, shutdownTimeoutMs: 1_000, rerunAfterMs, emails: 1 });
  }, 60_000);

  it('scenario 5: a crash after the email was sent and recorded but before Bull completed the job: exactly one email', async () => {
    const email = 'crash.after.send@example.com';
    await twoWorkers();
    // Once the message is in, and before the server says 250, Redis stops taking writes: the worker gets
    // its 250, records welcomed_at in SQLite, and then hangs on Bull's move to completed.
    stack.mail.beforeAccepting(email, async () => void (await stack.inspect.call('CLIENT', 'PAUSE', '20000', 'WRITE')));
    const providerJobId = await signUpAndGetJob(email, 'Crash After Send');
    await stack.mail.waitForMailTo(email);
    await stack.waitForWelcomed(email);
    const { performer: victim, other: survivor } = await performerOf(/Performing WelcomeEmailJob/);
    // perform() has returned, but Bull could not record the completion: the job is still active.
    await victim.waitForLog(/Performed WelcomeEmailJob/);
    expect(await stack.queueCounts()).toMatchObject({ active: 1 });
    expect(await stack.inspect.zscore('bull:mailers:completed', providerJobId)).toBeNull();

    const killedAt = Date.now();
    await victim.kill();
    await stack.inspect.call('CLIENT', 'UNPAUSE');

    // The job is run again (at least once), finds the user welcomed, and sends nothing.
    await survivor.waitForLog(/Skipped WelcomeEmailJob \(Job ID: [\w-]+, run 2\): user \d+ was welcomed already/, 15_000);
    const rerunAfterMs = Date.now() - killedAt;
    expect(await stack.waitForFinished(providerJobId)).toBe('completed');
    expect(stack.mail.mailsTo(email)).toHaveLength(1);
    expect(stack.mail.attempts.get(email)).toBe(1);
    expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0, failed: 0 });
    recordResult(5, { rerunAfterMs, emails: 1, deliveryAttempts: 1 });
  }, 60_000);
});
