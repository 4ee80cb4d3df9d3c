import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { ActiveJobModule, JobQueue, QUEUE_ADAPTER } from '../../src/active-job';
import type { TestAdapter } from '../../src/active-job/testing';
import { DemoConfigModule, demoConfig } from '../../src/demo/config';
import { JobsModule, WelcomeEmailJob } from '../../src/demo/jobs';
import { TransientSmtpError } from '../../src/active-job/mailer';
import { type User, UsersRepository } from '../../src/demo/users';
import { SmtpSink } from '../support/smtp-sink';
import { scratchDir } from './support/web-app';

// WelcomeEmailJob performed here and now against a real SMTP server; the test adapter records
// the retries its @RetryOn enqueues, and the test performs them.
describe('WelcomeEmailJob', () => {
  let smtp: SmtpSink;
  let app: INestApplicationContext;
  let users: UsersRepository;
  let jobs: JobQueue;
  let adapter: TestAdapter;
  let scratch: ReturnType<typeof scratchDir>;
  let sequence = 0;

  const newUser = (name: string): User => users.create({ email: `user${++sequence}@example.com`, name });

  beforeAll(async () => {
    scratch = scratchDir();
    smtp = await SmtpSink.start();
    const config = demoConfig({ SMTP_URL: smtp.url, DATABASE_PATH: join(scratch.dir, 'demo.sqlite') });
    @Module({ imports: [DemoConfigModule.forRoot(config), ActiveJobModule.forRoot({ adapter: 'test' }), JobsModule] })
    class JobTestModule {}
    app = await NestFactory.createApplicationContext(JobTestModule, { logger: false });
    users = app.get(UsersRepository);
    jobs = app.get(JobQueue);
    adapter = app.get<TestAdapter>(QUEUE_ADAPTER);
  });

  beforeEach(() => adapter.clear());

  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
    scratch?.remove();
  });

  it('sends "Welcome, <name>!" and records that the user was welcomed', async () => {
    const user = newUser('Ada');
    await jobs.performNow(WelcomeEmailJob, user.id);
    const [mail] = smtp.mailsTo(user.email);
    expect(mail.message.subject).toBe('Welcome, Ada!');
    expect(users.find(user.id)?.welcomedAt).toBeInstanceOf(Date);
  });

  it('sends nothing while another run holds the claim, and retries once the lease is over', async () => {
    const user = newUser('Claimed');
    expect(users.claimWelcome(user.id, { job: 'another-job', run: 1 }, 90_000)).toBe(true); // another job is sending right now
    const before = Date.now();
    await jobs.performNow(WelcomeEmailJob, user.id);
    expect(smtp.attempts.get(user.email)).toBeUndefined();
    const [retry] = adapter.enqueuedJobs;
    expect(retry.payload).toMatchObject({ jobClass: 'WelcomeEmailJob', arguments: [user.id], exceptionExecutions: { '[WelcomeInProgressError]': 1 } });
    expect(retry.at).toBeGreaterThanOrEqual(before + 90_000);
    // The holder died without sending: once its lease is over another claimant gets the user.
    expect(users.claimWelcome(user.id, { job: 'a-third-job', run: 1 }, 90_000, new Date(Date.now() + 91_000))).toBe(true);
    users.releaseWelcome(user.id, { job: 'a-third-job', run: 1 });
    await adapter.perform(retry);
    expect(smtp.mailsTo(user.email)).toHaveLength(1);
    expect(users.find(user.id)?.welcomedAt).toBeInstanceOf(Date);
  });

  it('lets the same job, run again after its worker died, take its own claim back at once', async () => {
    const user = newUser('Rerun');
    const [handle] = await jobs.performAllLater(WelcomeEmailJob, [[user.id]]);
    expect(users.claimWelcome(user.id, { job: handle.jobId, run: 1 }, 90_000)).toBe(true); // the first run claimed, then its worker died
    await adapter.perform(adapter.enqueuedJobs[0]);
    expect(smtp.mailsTo(user.email)).toHaveLength(1);
  });

  it('fences a stale run: once a newer run of the job took the claim over, the older one can neither take it back, nor release it, nor mark the user', () => {
    const user = newUser('Fenced');
    const stale = { job: 'the-job', run: 1 };
    const newer = { job: 'the-job', run: 2 };
    expect(users.claimWelcome(user.id, stale, 90_000)).toBe(true);
    expect(users.claimWelcome(user.id, newer, 90_000)).toBe(true); // run 1 lost its lock; run 2 takes over at once
    expect(users.claimWelcome(user.id, stale, 90_000)).toBe(false);
    users.releaseWelcome(user.id, stale);
    expect(users.markWelcomed(user.id, stale)).toBe(false);
    expect(users.find(user.id)?.welcomedAt).toBeNull();
    expect(users.claimWelcome(user.id, { job: 'a-duplicate', run: 1 }, 90_000)).toBe(false); // run 2 still holds it
    expect(users.markWelcomed(user.id, newer)).toBe(true);
  });

  it('is idempotent: performed twice for one user, it sends one email', async () => {
    const user = newUser('Twice');
    await jobs.performNow(WelcomeEmailJob, user.id);
    const welcomedAt = users.find(user.id)?.welcomedAt;
    await jobs.performNow(WelcomeEmailJob, user.id);
    expect(smtp.mailsTo(user.email)).toHaveLength(1);
    expect(smtp.attempts.get(user.email)).toBe(1);
    expect(users.find(user.id)?.welcomedAt).toEqual(welcomedAt);
  });

  it('is discarded, not retried, when the user no longer exists', async () => {
    const user = newUser('Gone');
    users.delete(user.id);
    await expect(jobs.performNow(WelcomeEmailJob, user.id)).resolves.toBeUndefined();
    expect(smtp.attempts.get(user.email)).toBeUndefined();
    expect(adapter.enqueuedJobs).toHaveLength(0);
  });

  it('is discarded, not retried, when the mail server refuses the address for good', async () => {
    const user = newUser('Refused');
    smtp.refuse(user.email, 550);
    await expect(jobs.performNow(WelcomeEmailJob, user.id)).resolves.toBeUndefined();
    expect(smtp.mailsTo(user.email)).toHaveLength(0);
    expect(adapter.enqueuedJobs).toHaveLength(0);
    expect(users.find(user.id)?.welcomedAt).toBeNull();
  });

  it('retries a transient SMTP failure on the mailers queue 2 s later, and the retry sends it', async () => {
    const user = newUser('Retry');
    smtp.refuse(user.email, 421);
    const before = Date.now();
    await jobs.performNow(WelcomeEmailJob, user.id);
    expect(users.find(user.id)?.welcomedAt).toBeNull();
    const [retry] = adapter.enqueuedJobs;
    expect(retry.payload).toMatchObject({ jobClass: 'WelcomeEmailJob', queueName: 'mailers', executions: 1 });
    // exponentiallyLonger: 2 s after the first run, plus up to 15 % jitter.
    expect(retry.at! - before).toBeGreaterThanOrEqual(2_000);
    expect(retry.at! - Date.now()).toBeLessThanOrEqual(2_300);

    await adapter.perform(retry);
    expect(smtp.mailsTo(user.email)).toHaveLength(1);
    expect(users.find(user.id)?.welcomedAt).toBeInstanceOf(Date);
  });

  it('gives up after 5 runs in all, waiting exponentially longer, and fails with the transient error', async () => {
    const user = newUser('Down');
    smtp.refuse(user.email, 421, 421, 421, 421, 421);
    await jobs.performNow(WelcomeEmailJob, user.id);
    const waits: number[] = [];
    for (let retries = 1; retries <= 4; retries++) {
      const [retry] = adapter.enqueuedJobs;
      expect(retry.payload.executions).toBe(retries);
      waits.push(retry.at! - Date.now());
      if (retries < 4) await adapter.perform(retry);
      else await expect(adapter.perform(retry)).rejects.toThrow(TransientSmtpError);
    }
    expect(adapter.enqueuedJobs).toHaveLength(0);
    expect(smtp.attempts.get(user.email)).toBe(5);
    expect(smtp.mailsTo(user.email)).toHaveLength(0);
    [2_000, 4_000, 8_000, 16_000].forEach((base, index) => {
      expect(waits[index]).toBeGreaterThan(base - 200);
      expect(waits[index]).toBeLessThanOrEqual(base * 1.15);
    });
  });
});
