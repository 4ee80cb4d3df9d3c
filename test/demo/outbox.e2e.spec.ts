import Database from 'better-sqlite3';
import { join } from 'node:path';
import { RedisServer } from '../support/redis-server';
import { freePort } from '../support/free-port';
import { ChildApp } from '../support/child-app';
import { SmtpSink } from '../support/smtp-sink';
import { findUserRow } from './support/users-table';
import { waitFor } from '../support/wait-until';
import { scratchDir } from './support/web-app';
import { SIGNUP_JOBS } from '../../src/demo/users/signup-jobs';

/** Rows waiting in the demo's outbox table, read as another process would. */
function outboxCount(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM active_job_outbox').get()!.n;
  } finally {
    db.close();
  }
}

async function post(url: string, body: object): Promise<number> {
  const response = await fetch(`${url}/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

// The signup's durable enqueue with real processes: the web process (`npm start`) writes the user
// and its job to SQLite in one transaction, relays in the web and worker processes move jobs to a
// real Redis, the worker (`npm run worker`) sends to a real SMTP server.
describe('Signup through the transactional outbox (web and worker processes, Redis stopped and started)', () => {
  let redis: RedisServer;
  let smtp: SmtpSink;
  let scratch: ReturnType<typeof scratchDir>;
  let env: Record<string, string>;
  const processes: ChildApp[] = [];

  const start = (role: 'web' | 'worker', extra: Record<string, string> = {}) => {
    const child = role === 'web' ? ChildApp.web({ ...env, ...extra }) : ChildApp.worker({ ...env, ...extra });
    processes.push(child);
    return child;
  };

  beforeEach(async () => {
    scratch = scratchDir();
    [redis, smtp] = await Promise.all([RedisServer.start(), SmtpSink.start()]);
    env = {
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      DATABASE_PATH: join(scratch.dir, 'demo.sqlite'),
      MAIL_FROM: 'Demo <welcome@demo.test>',
      ENQUEUE_TIMEOUT: '1s',
      THROTTLE_LIMIT: '10000',
    };
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((child) => child.kill()));
    await Promise.all([redis.stop(), smtp.stop()]);
    scratch.remove();
  });

  it('delivers the email of a signup whose web process was SIGKILLed right after the commit, once a relay runs', async () => {
    await redis.stop(false); // no relay can move the job before the kill
    const port = await freePort();
    const web = start('web', { PORT: String(port) });
    await web.waitForLog(/Signup form on /, 60_000); // two ts-node processes booting on a busy machine
    expect(await post(`http://127.0.0.1:${port}`, { email: 'ada@example.com', name: 'Ada Lovelace' })).toBe(201);
    await web.kill(); // SIGKILL
    expect(findUserRow(env.DATABASE_PATH, 'ada@example.com')).toMatchObject({ welcomed_at: null });
    expect(outboxCount(env.DATABASE_PATH)).toBe(SIGNUP_JOBS.length); // the signup's jobs, committed with its user

    await redis.restart();
    // Its relay finds the row the dead web process committed (after the dead relay's 10 s lease, if it held the row).
    const worker = start('worker');
    const { message } = await smtp.waitForMailTo('ada@example.com', 45_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker log:\n${worker.log}`);
    });
    expect(message.subject).toBe('Welcome, Ada Lovelace!');
    await waitFor('the outbox to be empty', () => outboxCount(env.DATABASE_PATH) === 0, 10_000);
    await waitFor('ada to be marked welcomed', () => findUserRow(env.DATABASE_PATH, 'ada@example.com')?.welcomed_at, 10_000);
    expect(smtp.mailsTo('ada@example.com')).toHaveLength(1);
  }, 90_000);

  it('answers 201 to 100 signups while Redis is stopped, and all 100 emails arrive once it is back', async () => {
    const port = await freePort();
    const web = start('web', { PORT: String(port) });
    start('worker');
    await web.waitForLog(/Signup form on /, 60_000); // two ts-node processes booting on a busy machine
    await redis.stop(false);

    const emails = Array.from({ length: 100 }, (_, index) => `user${index}@example.com`);
    const startedAt = Date.now();
    const statuses = await Promise.all(emails.map((email, index) => post(`http://127.0.0.1:${port}`, { email, name: `User ${index}` })));
    const elapsedMs = Date.now() - startedAt;
    expect(statuses).toEqual(emails.map(() => 201));
    expect(outboxCount(env.DATABASE_PATH)).toBe(100 * SIGNUP_JOBS.length);
    expect(smtp.received).toEqual([]);

    await redis.restart();
    const restartedAt = Date.now();
    await waitFor('all 100 welcome emails', () => smtp.received.length >= 100, 60_000, 100);
    const deliveredMs = Date.now() - restartedAt;
    await waitFor('the outbox to be empty', () => outboxCount(env.DATABASE_PATH) === 0, 10_000);
    // Each user got exactly one email: the relays in both processes never made a second job of a row.
    expect(emails.map((email) => smtp.mailsTo(email).length)).toEqual(emails.map(() => 1));
    console.log(`100 signups with Redis stopped answered 201 in ${elapsedMs} ms in all; the 100 emails arrived ${deliveredMs} ms after Redis restarted`);
  }, 120_000);
});
