import type { INestApplicationContext } from '@nestjs/common';
import { JobQueue } from '../../src/active-job';
import { WelcomeEmailJob } from '../../src/demo/jobs';
import { UsersRepository } from '../../src/demo/users';
import { waitFor } from '../support/wait-until';
import type { ChildApp } from '../support/child-app';
import { DemoStack } from './support/demo-stack';
import { recordResult } from './support/results';

// A worker frozen (SIGSTOP) in the middle of SMTP conversations for longer than its lock
// (BULL_LOCK_DURATION=2s): Bull hands its jobs to the other worker, which sends the emails. When the
// frozen worker resumes, its runs are stale: their signals abort at once, their sends stop, and they
// neither mark the users, nor retry, nor send.
//
// The frozen worker has every mailers slot busy. A worker with an idle slot keeps a blocking fetch
// (BRPOPLPUSH) waiting in Redis, which Redis still serves while the process is frozen: that worker can
// take back a job of its own that stalled, which then stalls again (RELIABILITY.md, "Idle slots of a frozen worker").
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

  it('scenario 24: a worker SIGSTOPped mid-send past its lock resumes after another worker re-ran and sent: its runs are aborted with LockLostError, one email each, no retry', async () => {
    const slots = Number((await workers[0].waitForLog(/mailers \(concurrency (\d+)\)/))[1]);
    // Enough jobs to fill every slot of both workers, each held by the SMTP server at RCPT TO.
    const emails = Array.from({ length: 2 * slots }, (_, index) => `frozen.sender${index}@example.com`);
    const holds = new Map(emails.map((email) => [email, stack.mail.hold(email)]));
    const jobs = [];
    for (const [index, email] of emails.entries()) {
      const user = producer.get(UsersRepository).create({ email, name: `Frozen Sender ${index}` });
      jobs.push({ email, ...(await producer.get(JobQueue).performLater(WelcomeEmailJob, user.id)) });
    }
    for (const email of emails) await stack.mail.waitForAttempts(email, 1);
    const performing = (jobId: string) => new RegExp(`Performing WelcomeEmailJob \\(Job ID: ${jobId}\\)`);
    const takenBy = await Promise.all(
      jobs.map(({ jobId }) => waitFor(`the worker that took ${jobId}`, () => workers.find((worker) => performing(jobId).test(worker.log)))),
    );
    const [stale, other] = workers;
    const frozenJobs = jobs.filter((_, index) => takenBy[index] === stale);
    expect(frozenJobs).toHaveLength(slots);
    // The other worker finishes its own and waits for more, with a fetch pending in Redis.
    for (const [index, { email }] of jobs.entries()) if (takenBy[index] === other) holds.get(email)!.release();
    for (const [index, { email }] of jobs.entries()) if (takenBy[index] === other) await stack.waitForWelcomed(email);

    process.kill(stale.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    try {
      // Their locks lapse; the other worker's stalled check takes the jobs back and runs them again (run 2), up to RCPT TO.
      for (const { email } of frozenJobs) await stack.mail.waitForAttempts(email, 2);
      const rerunMs = Date.now() - frozenAt;
      for (const { email } of frozenJobs) holds.get(email)!.release(); // both conversations may go on now; only the live worker's does
      for (const { email, providerJobId } of frozenJobs) {
        await stack.waitForWelcomed(email);
        expect(await stack.waitForFinished(providerJobId)).toBe('completed');
      }
      expect(emails.map((email) => stack.mail.mailsTo(email).length)).toEqual(emails.map(() => 1));

      process.kill(stale.pid, 'SIGCONT');
      const resumedAt = Date.now();
      // Logged when a stale run has ended: anything it sent would have reached the SMTP server before.
      for (const { jobId } of frozenJobs) await stale.waitForLog(new RegExp(`(Performed|Error performing) WelcomeEmailJob \\(Job ID: ${jobId}\\)`));
      const abortedMs = Date.now() - resumedAt;
      expect(emails.map((email) => stack.mail.mailsTo(email).length)).toEqual(emails.map(() => 1));
      for (const { jobId, providerJobId, email } of frozenJobs) {
        // Whichever check sees it first after SIGCONT: the frozen clock, or the lock gone or taken in Redis.
        expect(stale.log).toMatch(
          new RegExp(
            `Error performing WelcomeEmailJob \\(Job ID: ${jobId}\\) from Bull\\(mailers\\) in [\\d.]+ms: LockLostError \\(Lost the lock of job ${providerJobId} in Bull\\(mailers\\): (this process stood still for \\d+ ms, longer than lockDuration \\(2000 ms\\)|it expired|another worker holds it)`,
          ),
        );
        expect(other.log).toMatch(performing(jobId));
        expect(stack.findUser(email)!.welcomed_at).not.toBeNull();
        expect(await stack.inspect.hget(`bull:mailers:${providerJobId}`, 'stalledCounter')).toBe('1');
      }
      expect(stale.log).not.toMatch(/Retrying WelcomeEmailJob/);
      expect(stale.running).toBe(true);
      expect(await stack.queueCounts()).toMatchObject({ wait: 0, active: 0, delayed: 0 });
      recordResult(24, {
        lockDurationMs: 2_000,
        frozenRuns: slots,
        rerunAfterFreezeMs: rerunMs,
        staleRunsAbortedAfterResumeMs: abortedMs,
        emails: emails.length,
      });
    } finally {
      if (stale.running) process.kill(stale.pid, 'SIGCONT');
    }
  }, 90_000);
});
