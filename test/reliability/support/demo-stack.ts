import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../../src/demo/app.module';
import { demoConfig } from '../../../src/demo/config';
import { waitFor } from '../../support/wait-until';
import { freePort } from '../../support/free-port';
import { RedisServer } from '../../support/redis-server';
import { type PartnerServices, startPartnerServices } from '../../demo/support/partner-services';
import { ChildApp } from '../../support/child-app';
import { SmtpSink } from '../../support/smtp-sink';

/** AOF on and fsynced on every write: a SIGKILLed Redis comes back with every job it acknowledged. */
export const DURABLE_REDIS = ['--appendonly', 'yes', '--appendfsync', 'always'];

/**
 * Lock and stalled-check intervals short enough that a crashed worker's job runs again within
 * about 3 s (lock 2 s, checks every 0.5 s), long enough that a busy CI core renews locks in time.
 */
export const FAST_RECOVERY = { BULL_LOCK_DURATION: '2s', BULL_STALLED_INTERVAL: '500ms' } as const;

const QUEUE = 'bull:mailers';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  welcomed_at: string | null;
}

/**
 * One deployment of the demo for a test file: its own redis-server (AOF, temp dir), a real SMTP
 * server, a scratch dir for SQLite, and the web and worker processes started from it. `stop()`
 * takes all of it down, whatever state a failed test left it in.
 */
export class DemoStack {
  readonly inspect: Redis;
  private readonly producers: INestApplicationContext[] = [];

  private constructor(
    readonly redis: RedisServer,
    readonly mail: SmtpSink,
    /** The CRM and partner the signup's other two jobs post to. */
    readonly partners: PartnerServices,
    readonly dir: string,
    private readonly baseEnv: Record<string, string>,
  ) {
    // The test's own view of Redis: a command sent while Redis is away waits for the reconnect (3 tries at most).
    this.inspect = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: true, maxRetriesPerRequest: 3 });
    this.inspect.on('error', () => undefined);
  }

  static async start({ redisArgs = DURABLE_REDIS, env = {} }: { redisArgs?: string[]; env?: Record<string, string> } = {}): Promise<DemoStack> {
    const dir = mkdtempSync(join(tmpdir(), 'active-job-reliability-'));
    const started = await Promise.allSettled([RedisServer.start({ args: redisArgs }), SmtpSink.start(), startPartnerServices()]);
    if (started.some((result) => result.status === 'rejected')) {
      // Nothing to hand to afterAll yet: take down what did start before failing.
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : Promise.resolve())));
      rmSync(dir, { recursive: true, force: true });
      throw (started.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason;
    }
    const [redis, mail, partners] = started.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [RedisServer, SmtpSink, PartnerServices];
    const baseEnv = {
      ...partners.env,
      REDIS_URL: redis.url,
      SMTP_URL: mail.url,
      DATABASE_PATH: join(dir, 'demo.sqlite'),
      MAIL_FROM: 'Demo <welcome@demo.test>',
      ENQUEUE_TIMEOUT: '1s',
      THROTTLE_LIMIT: '10000',
      ...FAST_RECOVERY,
      ...env,
    };
    const stack = new DemoStack(redis, mail, partners, dir, baseEnv);
    await stack.inspect.connect();
    return stack;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.baseEnv, ...extra };
  }

  /** `npm start` on a free port; resolves once it listens. */
  async startWeb(extra: Record<string, string> = {}, options: { name?: string; preload?: string } = {}): Promise<{ app: ChildApp; url: string }> {
    const port = await freePort();
    const app = await ChildApp.web(this.env({ PORT: String(port), ...extra }), options.name ?? 'web', { preload: options.preload }).ready(/Signup form on /);
    return { app, url: `http://127.0.0.1:${port}` };
  }

  /** `npm run worker`; resolves once it consumes the mailers queue. */
  async startWorker(name = 'worker', extra: Record<string, string> = {}): Promise<ChildApp> {
    return ChildApp.worker(this.env(extra), name).ready(/Worker performing jobs from Redis at/);
  }

  /**
   * The demo's web application in this Jest process, without HTTP: to create users and enqueue
   * jobs the web process has no route for (a delayed job, a duplicate), through the library's JobQueue.
   */
  async producer(extra: Record<string, string> = {}): Promise<INestApplicationContext> {
    const app = await NestFactory.createApplicationContext(AppModule.register(demoConfig(this.env(extra))), { logger: false, abortOnError: false });
    this.producers.push(app);
    return app;
  }

  findUser(email: string): UserRow | undefined {
    const db = new Database(this.env().DATABASE_PATH, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[string], UserRow>('SELECT id, email, name, welcomed_at FROM users WHERE email = ?').get(email);
    } finally {
      db.close();
    }
  }

  userCount(): number {
    const db = new Database(this.env().DATABASE_PATH, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get()!.n;
    } finally {
      db.close();
    }
  }

  async waitForWelcomed(email: string, timeoutMs = 15_000): Promise<UserRow> {
    return waitFor(
      `${email} to be marked welcomed`,
      () => {
        const row = this.findUser(email);
        return row?.welcomed_at ? row : undefined;
      },
      timeoutMs,
    );
  }

  /** Bull's lists and sets of the mailers queue, as counts. */
  async queueCounts(): Promise<{ wait: number; active: number; delayed: number; failed: number; completed: number }> {
    const [wait, active, delayed, failed, completed] = await Promise.all([
      this.inspect.llen(`${QUEUE}:wait`),
      this.inspect.llen(`${QUEUE}:active`),
      this.inspect.zcard(`${QUEUE}:delayed`),
      this.inspect.zcard(`${QUEUE}:failed`),
      this.inspect.zcard(`${QUEUE}:completed`),
    ]);
    return { wait, active, delayed, failed, completed };
  }

  /**
   * How many jobs of the mailers queue Redis holds, finished ones included (retention keeps the last
   * 1,000): Bull's id counter no longer counts them, since jobs relayed from the outbox carry ids of their own.
   */
  async jobsCreated(): Promise<number> {
    return (await this.jobHashes()).length;
  }

  /** Bull's id of the welcome job of `email`'s user, once the outbox relay has moved it to Redis. */
  async jobIdOf(email: string, timeoutMs = 15_000): Promise<string> {
    const user = await waitFor(`the user ${email}`, () => this.findUser(email), timeoutMs);
    return waitFor(
      `the welcome job of ${email} in Redis`,
      async () => {
        for (const { id, data } of await this.jobHashes()) {
          const stored = JSON.parse(data) as { args?: unknown[]; arguments?: unknown[] }; // payload version 2 or 1
          if ((stored.args ?? stored.arguments)?.[0] === user.id) return id;
        }
        return undefined;
      },
      timeoutMs,
      50,
    );
  }

  private async jobHashes(): Promise<{ id: string; data: string }[]> {
    const found: { id: string; data: string }[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.inspect.scan(cursor, 'MATCH', `${QUEUE}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const id = key.slice(QUEUE.length + 1);
        if (id.includes(':') || (await this.inspect.type(key)) !== 'hash') continue;
        const data = await this.inspect.hget(key, 'data');
        if (data !== null) found.push({ id, data });
      }
    } while (cursor !== '0');
    return found;
  }

  async job(providerJobId: string): Promise<Record<string, string>> {
    return this.inspect.hgetall(`${QUEUE}:${providerJobId}`);
  }

  /** Waits until Bull has finished with a job: completed or failed, with nothing of it left in wait or active. */
  async waitForFinished(providerJobId: string, timeoutMs = 15_000): Promise<'completed' | 'failed'> {
    return waitFor(
      `job ${providerJobId} to finish`,
      async () => {
        const [completed, failed] = await Promise.all([
          this.inspect.zscore(`${QUEUE}:completed`, providerJobId),
          this.inspect.zscore(`${QUEUE}:failed`, providerJobId),
        ]);
        return completed !== null ? 'completed' : failed !== null ? 'failed' : undefined;
      },
      timeoutMs,
      50,
    );
  }

  async stop(): Promise<void> {
    await ChildApp.killAll();
    await Promise.all(this.producers.splice(0).map((app) => app.close().catch(() => undefined)));
    this.inspect.disconnect();
    if (this.redis.pid) {
      try {
        process.kill(this.redis.pid, 'SIGCONT'); // in case a test froze it
      } catch {
        // already gone
      }
    }
    await Promise.all([this.redis.stop(), this.mail.stop(), this.partners.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
