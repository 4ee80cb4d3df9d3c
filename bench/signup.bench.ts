import { ConsoleLogger, Inject, Injectable, type INestApplication } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import autocannon from 'autocannon';
import type { Queue } from 'bull';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { QUEUE_ADAPTER } from '../src/active-job';
import type { BullAdapter } from '../src/active-job/adapters/bull.adapter';
import { InlineAdapter } from '../src/active-job/adapters/inline.adapter';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../src/demo/app.module';
import { acceptJsonBodiesOnly } from '../src/demo/web/json-body';
import { demoConfig } from '../src/demo/config';
import { UserMailer } from '../src/demo/mail';
import type { NewUser, User } from '../src/demo/users/user';
import { UsersRepository } from '../src/demo/users/users.repository';
import { UsersService } from '../src/demo/users/users.service';
import { alternate, type Measurement, measurement } from './harness';

const DURATION_S = 10;
const CONNECTIONS = 10;

/** Raw Bull in the same endpoint: the job's data added straight to the `mailers` queue. */
@Injectable()
class RawBullUsersService {
  private readonly queue: Queue;

  constructor(
    private readonly users: UsersRepository,
    @Inject(QUEUE_ADAPTER) adapter: BullAdapter,
  ) {
    this.queue = adapter.registry.get('mailers');
  }

  async signUp(input: NewUser): Promise<User> {
    const user = this.users.create(input);
    await this.queue.add('WelcomeEmailJob', { userId: user.id }, { removeOnComplete: 1000, removeOnFail: 5000 });
    return user;
  }
}

/** No job layer at all: the endpoint sends the email itself before answering. */
@Injectable()
class DirectMailUsersService {
  constructor(
    private readonly users: UsersRepository,
    // The mailer lives in the jobs' module, out of the users module's sight: fetch it app-wide.
    private readonly moduleRef: ModuleRef,
  ) {}

  async signUp(input: NewUser): Promise<User> {
    const user = this.users.create(input);
    await this.moduleRef.get(UserMailer, { strict: false }).welcomeEmail(user).deliverNow();
    this.users.markWelcomed(user.id);
    return user;
  }
}

type Variant = 'deferred' | 'deferred-raw' | 'sync' | 'sync-raw';

/** An SMTP server that accepts and drops every message: the cost of sending, none of reading. */
async function startSmtpSink(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => stream.on('end', () => callback()).resume(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startApp(variant: Variant, redisUrl: string, smtpUrl: string, dir: string): Promise<INestApplication> {
  const config = demoConfig({
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    DATABASE_PATH: join(dir, `${variant}-${Date.now()}.sqlite`),
    THROTTLE_LIMIT: '1000000000',
  });
  let builder = Test.createTestingModule({ imports: [AppModule.register(config)] });
  if (variant === 'deferred-raw') builder = builder.overrideProvider(UsersService).useClass(RawBullUsersService);
  if (variant === 'sync') builder = builder.overrideProvider(QUEUE_ADAPTER).useValue(new InlineAdapter());
  if (variant === 'sync-raw') builder = builder.overrideProvider(UsersService).useClass(DirectMailUsersService);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: new ConsoleLogger(), bodyParser: false });
  acceptJsonBodiesOnly(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

async function load(app: INestApplication, variant: Variant): Promise<{ rps: number; p50: number; p99: number }> {
  let sequence = 0;
  const result = await autocannon({
    url: `${await app.getUrl()}/users`.replace('[::1]', '127.0.0.1'),
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ email: `${variant}-${++sequence}@example.com`, name: `User ${sequence}` }) }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${variant}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function run(variant: Variant, redisUrl: string, smtpUrl: string, dir: string) {
  const app = await startApp(variant, redisUrl, smtpUrl, dir);
  try {
    return await load(app, variant);
  } finally {
    // autocannon stops at its deadline with requests still in the app; let them finish before the database closes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await app.close();
  }
}

/** The demo's POST /users under autocannon: the email deferred to a job vs sent inside the request. */
export async function runSignupBenchmarks(redisUrl: string): Promise<{ measurements: Measurement[]; notes: string[] }> {
  const smtp = await startSmtpSink();
  const dir = mkdtempSync(join(tmpdir(), 'active-job-bench-'));
  try {
    {
      const deferred = await alternate(3, () => run('deferred', redisUrl, smtp.url, dir), () => run('deferred-raw', redisUrl, smtp.url, dir));
      const sync = await alternate(3, () => run('sync', redisUrl, smtp.url, dir), () => run('sync-raw', redisUrl, smtp.url, dir));
      const pick = (runs: { rps: number; p50: number; p99: number }[], key: 'rps' | 'p50' | 'p99') => runs.map((r) => r[key]);
      const measurements = [
        measurement('signup.deferred', 'req/s', pick(deferred.ours, 'rps'), pick(deferred.raw, 'rps')),
        measurement('signup.sync', 'req/s', pick(sync.ours, 'rps'), pick(sync.raw, 'rps')),
        measurement('signup.deferred.p50', 'ms', pick(deferred.ours, 'p50'), pick(deferred.raw, 'p50')),
        measurement('signup.deferred.p99', 'ms', pick(deferred.ours, 'p99'), pick(deferred.raw, 'p99')),
        measurement('signup.sync.p50', 'ms', pick(sync.ours, 'p50'), pick(sync.raw, 'p50')),
        measurement('signup.sync.p99', 'ms', pick(sync.ours, 'p99'), pick(sync.raw, 'p99')),
      ];
      const speedup = measurements[0].ours / measurements[1].ours;
      return {
        measurements,
        notes: [
          `Signup (${DURATION_S} s, ${CONNECTIONS} connections, autocannon): \`signup.deferred\` is POST /users enqueueing WelcomeEmailJob with this library on Bull (ours) vs adding the same job with raw \`queue.add\` (raw); ` +
            '`signup.sync` sends the email inside the request, through this library\'s inline adapter (ours) vs calling the mailer directly (raw), to a local SMTP server that drops what it receives.',
          `Deferring the email answers ${speedup.toFixed(1)}× as many signups per second as sending it in the request (${measurements[0].ours} vs ${measurements[1].ours} req/s), with p99 ${measurements[3].ours} ms vs ${measurements[5].ours} ms.`,
        ],
      };
    }
  } finally {
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
