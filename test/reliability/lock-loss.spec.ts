import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue } from '../../src/active-job';
import { WelcomeEmailJob } from '../../src/demo/jobs';
import { UsersRepository } from '../../src/demo/users';
import { waitFor } from '../support/wait-until';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { recordResult } from './support/results';

// A worker frozen (SIGSTOP) in the middle of an SMTP conversation for longer than its lock
// (BULL_LOCK_DURATION=2s): Bull hands the job to the other worker, which sends the email. When the
// frozen worker resumes, its run is stale: its signal aborts at once, its send stops, and it neither
// marks the user, nor retries, nor sends.
describe('reliability: a worker that lost its lock', () => {
  let stack: DemoStack;
  let workers: ChildApp[];
  let producer: INestApplicationContext;

  beforeAll(async () => {
    stack = await DemoStack.start();
    [workers, producer] = await Promise.all([Promise.all([stack.startWorker('worker-a'), stack.startWorker('worker-b')]), stack.producer()]);
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('scenario 24: a worker SIGSTOPped mid-send past its lock resumes after another worker re-ran and sent: its run is aborted with LockLostError, one email, no retry', async () => {
    const email = 'frozen.sender@example.com';
    const held = stack.mail.hold(email);
    const user = producer.get(UsersRepository).create({ email, name: 'Frozen Sender' });
    const { providerJobId, jobId } = await producer.get(JobQueue).performLater(WelcomeEmailJob, user.id);
    // The first run has claimed the user and is waiting for the SMTP server to accept the recipient.
    await stack.mail.waitForAttempts(email, 1);
    const performing = new RegExp(`Performing WelcomeEmailJob \\(Job ID: ${jobId}\\)`);
    const stale = await waitFor('the worker that took the job', () => workers.find((worker) => performing.test(worker.log)));
    const other = workers.find((worker) => worker !== stale)!;

    process.kill(stale.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    try {
      // Its lock lapses; the other worker's stalled check takes the job back and runs it again (run 2), up to RCPT TO.
      await stack.mail.waitForAttempts(email, 2);
      const rerunMs = Date.now() - frozenAt;
      held.release(); // both conversations may go on now; only the live worker's does
      await stack.waitForWelcomed(email);
      expect(await stack.waitForFinished(providerJobId)).toBe('completed');
      expect(stack.mail.mailsTo(email)).toHaveLength(1);

      process.kill(stale.pid, 'SIGCONT');
      const resumedAt = Date.now();
      // Logged when the stale run has ended: anything it sent would have reached the SMTP server before.
      await stale.waitForLog(new RegExp(`(Performed|Error performing) WelcomeEmailJob \\(Job ID: ${jobId}\\)`));
      const abortedMs = Date.now() - resumedAt;
      expect(stack.mail.mailsTo(email)).toHaveLength(1);
      // Whichever check sees it first after SIGCONT: the frozen clock, or the lock gone or taken in Redis.
      expect(stale.log).toMatch(
        new RegExp(
          `Error performing WelcomeEmailJob \\(Job ID: ${jobId}\\) from Bull\\(mailers\\) in [\\d.]+ms: LockLostError \\(Lost the lock of job ${providerJobId} in Bull\\(mailers\\): (this process stood still for \\d+ ms, longer than lockDuration \\(2000 ms\\)|it expired|another worker holds it)`,
        ),
      );
      expect(stale.log).not.toMatch(/Retrying WelcomeEmailJob/);
      expect(other.log).toMatch(new RegExp(`Performing WelcomeEmailJob \\(Job ID: ${jobId}\\)`));
      expect(stale.running).toBe(true);
      const row = stack.findUser(email)!;
      expect(row.welcomed_at).not.toBeNull();
      expect(await stack.inspect.hget(`bull:mailers:${providerJobId}`, 'stalledCounter')).toBe('1');
      expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0, delayed: 0 });
      recordResult(24, { lockDurationMs: 2_000, rerunAfterFreezeMs: rerunMs, staleRunAbortedAfterResumeMs: abortedMs, emails: 1 });
    } finally {
      if (stale.running) process.kill(stale.pid, 'SIGCONT');
    }
  }, 60_000);
});
