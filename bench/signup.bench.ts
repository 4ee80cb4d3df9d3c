import { ConsoleLogger, Inject, Injectable, type INestApplication, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import autocannon from 'autocannon';
import { finalize } from 'rxjs';
import type { Queue } from 'bull';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { JobQueue, QUEUE_ADAPTER } from '../src/active-job';
import type { BullAdapter } from '../src/active-job/adapters/bull.adapter';
import { InlineAdapter } from '../src/active-job/adapters/inline.adapter';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../src/demo/app.module';
import { acceptJsonBodiesOnly } from '../src/demo/web/json-body';
import { demoConfig } from '../src/demo/config';
import { CrmClient } from '../src/demo/crm';
import { WelcomeEmailJob } from '../src/demo/jobs';
import { UserMailer } from '../src/demo/mail';
import { PartnerWebhookClient, userSignedUpEvent } from '../src/demo/webhooks';
import type { NewUser, User } from '../src/demo/users/user';
import { UsersRepository } from '../src/demo/users/users.repository';
import { UsersService } from '../src/demo/users/users.service';
import { enqueueSignupJobs } from '../src/demo/users/signup-jobs';
import { log, median, round2, type Row, rounds } from './harness';
import type { TargetName } from './targets';

const DURATION_S = 4;
/** Rounds per variant: each side runs once per round, the order rotating. */
const ROUNDS = 2;
const CONNECTIONS = 10;
/** What the CRM and the partner take to answer: a SaaS API a few network hops away, not a loopback echo. */
const SERVICE_LATENCY_MS = 25;
/**
 * For the one-job vs three-jobs comparison: one signup at a time, so latency is the signup's own
 * wait, not time queued behind other requests for the CPU (autocannon's rate limit sends in bursts).
 */
const ONE_AT_A_TIME = 1;

/** Raw Bull in the same endpoint: the three jobs' data added straight to their queues, at once. */
@Injectable()
class RawBullUsersService {
  private readonly queues: Queue[];

  constructor(
    private readonly users: UsersRepository,
    @Inject(QUEUE_ADAPTER) adapter: BullAdapter,
  ) {
    this.queues = ['mailers', 'crm', 'webhooks'].map((name) => adapter.registry.get(name));
  }

  async signUp(input: NewUser): Promise<User> {
    const user = this.users.create(input);
    const [mailers, crm, webhooks] = this.queues;
    const keep = { removeOnComplete: 1000, removeOnFail: 5000 };
    await Promise.all([
      mailers.add('WelcomeEmailJob', { userId: user.id }, keep),
      crm.add('CrmSyncJob', { userId: user.id }, { ...keep, priority: 2 }),
      webhooks.add('PartnerWebhookJob', { userId: user.id }, { ...keep, priority: 2 }),
    ]);
    return user;
  }
}

/**
 * A signup without the demo's outbox transaction: the user stored, then `enqueue` its jobs. With the
 * three signup jobs (one performAllLater): on Bull the same work as raw Bull's signup (the outbox's
 * durability is its own cost), on the inline adapter the jobs run inside the request. With the
 * welcome email alone: the signup of before, to show what two more jobs add.
 */
function signupEnqueueing(enqueue: (jobs: JobQueue, userId: number) => Promise<unknown>): Type<unknown> {
  @Injectable()
  class EnqueueingUsersService {
    constructor(
      private readonly users: UsersRepository,
      private readonly jobs: JobQueue,
    ) {}

    async signUp(input: NewUser): Promise<User> {
      const user = this.users.create(input);
      await enqueue(this.jobs, user.id);
      return user;
    }
  }
  return EnqueueingUsersService;
}

const DirectEnqueueUsersService = signupEnqueueing(enqueueSignupJobs);
const EmailOnlyUsersService = signupEnqueueing((jobs, userId) => jobs.performLater(WelcomeEmailJob, userId));

/** No job layer at all: the endpoint sends the email, upserts the contact and posts the webhook itself before answering. */
@Injectable()
class DirectUsersService {
  constructor(
    private readonly users: UsersRepository,
    // The mailer and clients live in the jobs' modules, out of the users module's sight: fetch them app-wide.
    private readonly moduleRef: ModuleRef,
  ) {}

  async signUp(input: NewUser): Promise<User> {
    const user = this.users.create(input);
    const signal = new AbortController().signal;
    // The same claim, send and record as the job, with a claim of the request's own.
    const claim = { job: `direct-${user.id}`, run: 1 };
    this.users.claimWelcome(user.id, claim, 60_000);
    await UserMailer.compose().welcomeEmail(user).deliverNow();
    this.users.markWelcomed(user.id, claim);
    const contact = { email: user.email, name: user.name, externalId: String(user.id), signedUpAt: user.createdAt.toISOString() };
    await this.moduleRef.get(CrmClient, { strict: false }).upsertContact(contact, signal);
    await this.moduleRef.get(PartnerWebhookClient, { strict: false }).deliver(userSignedUpEvent(crypto.randomUUID(), user), signal);
    return user;
  }
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Mean latency, with decimals: autocannon's percentiles are whole milliseconds. */
  mean: number;
}

type Variant = 'deferred' | 'deferred-direct' | 'deferred-raw' | 'deferred-email-only' | 'sync' | 'sync-raw' | 'sync-email-only';

/** The CRM and the partner: one HTTP server that answers every request with 200 after SERVICE_LATENCY_MS. */
async function startServiceSink(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request
      .resume()
      .on('end', () => setTimeout(() => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"outcome":"created"}'), SERVICE_LATENCY_MS));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

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

async function startApp(variant: Variant, redisUrl: string, smtpUrl: string, serviceUrl: string, dir: string): Promise<INestApplication> {
  const config = demoConfig({
    REDIS_URL: redisUrl,
    SMTP_URL: smtpUrl,
    CRM_URL: `${serviceUrl}/crm`,
    WEBHOOK_URL: `${serviceUrl}/hooks`,
    DATABASE_PATH: join(dir, `${variant}-${Date.now()}.sqlite`),
    THROTTLE_LIMIT: '1000000000',
  });
  let builder = Test.createTestingModule({ imports: [AppModule.register(config)] });
  if (variant === 'deferred-raw') builder = builder.overrideProvider(UsersService).useClass(RawBullUsersService);
  // Synchronous signups perform their jobs inside the request: through the outbox they would run in its relay, after the answer.
  if (variant === 'deferred-direct' || variant === 'sync') builder = builder.overrideProvider(UsersService).useClass(DirectEnqueueUsersService);
  if (variant === 'deferred-email-only' || variant === 'sync-email-only') builder = builder.overrideProvider(UsersService).useClass(EmailOnlyUsersService);
  if (variant === 'sync' || variant === 'sync-email-only') builder = builder.overrideProvider(QUEUE_ADAPTER).useValue(new InlineAdapter());
  if (variant === 'sync-raw') builder = builder.overrideProvider(UsersService).useClass(DirectUsersService);
  const moduleRef = await builder.compile();
  // Same work as raw Bull writes no success line: Nest's 'log' level off, so the library formats none (as logLines: 'failures').
  const logger = new ConsoleLogger(variant === 'deferred-direct' ? { logLevels: ['fatal', 'error', 'warn'] } : {});
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger, bodyParser: false });
  acceptJsonBodiesOnly(app);
  // Counts handlers still running: a request autocannon gave up on at its deadline goes on in the app.
  const counter = { inFlight: 0 };
  inFlightCounters.set(app, counter);
  app.useGlobalInterceptors({
    intercept: (_context, next) => {
      counter.inFlight++;
      return next.handle().pipe(finalize(() => counter.inFlight--));
    },
  });
  await app.listen(0, '127.0.0.1');
  return app;
}

const inFlightCounters = new WeakMap<INestApplication, { inFlight: number }>();

function signupsInFlight(app: INestApplication): number {
  return inFlightCounters.get(app)?.inFlight ?? 0;
}

async function load(app: INestApplication, variant: Variant, connections: number): Promise<LoadResult> {
  let sequence = 0;
  const result = await autocannon({
    url: `${await app.getUrl()}/users`.replace('[::1]', '127.0.0.1'),
    connections,
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
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average };
}

async function run(variant: Variant, redisUrl: string, smtpUrl: string, serviceUrl: string, dir: string, connections = CONNECTIONS) {
  const app = await startApp(variant, redisUrl, smtpUrl, serviceUrl, dir);
  try {
    return await load(app, variant, connections);
  } finally {
    // autocannon stops at its deadline with requests still in the app (a synchronous signup takes up to
    // a second or so on a busy machine); they finish before the database closes.
    const deadline = Date.now() + 10_000;
    while (signupsInFlight(app) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await app.close();
  }
}

/**
 * The demo's POST /users under autocannon: its three jobs (welcome email, CRM upsert, partner
 * webhook) deferred vs done inside the request, ours (default logging) beside raw Bull and the
 * direct calls; with `diagnostics`, each also against the email alone, to show what the number of
 * jobs costs either way (a full run does that on its first Node version only, for time).
 */
export async function runSignupBenchmarks(redisUrl: string, diagnostics = true): Promise<{ rows: Row[]; notes: string[] }> {
  const [smtp, services] = await Promise.all([startSmtpSink(), startServiceSink()]);
  const dir = mkdtempSync(join(tmpdir(), 'active-job-bench-'));
  const variant = (name: Variant, connections?: number) => run(name, redisUrl, smtp.url, services.url, dir, connections);
  const sides = ['ours-default', 'bull'] as const;
  const deferredVariants: Partial<Record<TargetName, Variant>> = { 'ours-default': 'deferred', ours: 'deferred-direct', bull: 'deferred-raw' };
  try {
    const deferred = await rounds(ROUNDS, ['ours-default', 'ours', 'bull'], (side) => variant(deferredVariants[side]!));
    const sync = await rounds(ROUNDS, sides, (side) => variant(side === 'bull' ? 'sync-raw' : 'sync'));
    const row = (name: string, unit: string, runs: Partial<Record<TargetName, LoadResult[]>>, key: keyof LoadResult): Row => {
      const samples = Object.fromEntries(Object.entries(runs).map(([side, values]) => [side, values.map((value) => ({ value: value[key] }))]));
      log(
        `  ${name}: ${Object.entries(samples)
          .map(([side, values]) => `${side} ${median(values.map((v) => v.value))}`)
          .join(', ')}`,
      );
      return { name, unit, better: key === 'rps' ? 'higher' : 'lower', samples };
    };
    const rows = [
      row('signup.deferred', 'req/s', deferred, 'rps'),
      row('signup.sync', 'req/s', sync, 'rps'),
      row('signup.deferred.p99', 'ms', deferred, 'p99'),
      row('signup.sync.p99', 'ms', sync, 'p99'),
    ];
    const ours = (runs: Partial<Record<TargetName, LoadResult[]>>, key: keyof LoadResult, side: TargetName = 'ours-default') =>
      round2(median(runs[side]!.map((r) => r[key])));
    const ratioOf = (runs: Partial<Record<TargetName, LoadResult[]>>, side: TargetName, reference: TargetName) =>
      round2(ours(runs, 'rps', side) / ours(runs, 'rps', reference));
    const notes = [
      `Signup (${DURATION_S} s, ${CONNECTIONS} connections, autocannon): a signup queues three jobs, the welcome email (to a local SMTP server that drops what it receives), ` +
        `a CRM upsert and a signed partner webhook (to a local HTTP server answering after ${SERVICE_LATENCY_MS} ms, as a remote API would). ` +
        '`signup.deferred` enqueues them on Bull: ours, default, is the demo as shipped (the user and its three jobs in one SQLite transaction through the ' +
        'transactional outbox, whose relay then moves the jobs to Bull; success lines on); ours, same work, stores the user and enqueues the three jobs with one ' +
        '`performAllLater`, without the outbox, success lines off; raw Bull adds three `queue.add` at once. ' +
        `Same work, ours answers ${ratioOf(deferred, 'ours', 'bull')}× raw Bull's signups per second; the outbox's durability takes ours from ` +
        `${ours(deferred, 'rps', 'ours')} to ${ours(deferred, 'rps')} req/s. ` +
        "`signup.sync` does all three inside the request, through this library's inline adapter (ours) vs calling the mailer and the HTTP clients directly (raw Bull column). " +
        `Deferring answers ${(ours(deferred, 'rps') / ours(sync, 'rps')).toFixed(1)}× as many signups per second as doing the work in the request ` +
        `(${ours(deferred, 'rps')} vs ${ours(sync, 'rps')} req/s), with p99 ${ours(deferred, 'p99')} ms vs ${ours(sync, 'p99')} ms.`,
    ];
    if (diagnostics) {
      // One signup at a time, so latency is the signup's own wait, not time queued for a saturated CPU.
      // One round each: these means explain the rows above, no target reads them.
      const threeJobs = await rounds(1, ['ours-default'], () => variant('deferred', ONE_AT_A_TIME));
      const oneJob = await rounds(1, ['ours-default'], () => variant('deferred-email-only', ONE_AT_A_TIME));
      const syncOneJob = await rounds(1, ['ours-default'], () => variant('sync-email-only'));
      notes.push(
        `Going from one job to three moves the deferred mean latency, one signup at a time, from ${ours(oneJob, 'mean')} to ${ours(threeJobs, 'mean')} ms ` +
          `(one performAllLater, the queues added to at once) and the synchronous p50 from ${ours(syncOneJob, 'p50')} to ${ours(sync, 'p50')} ms (it waits for each).`,
      );
    }
    return { rows, notes };
  } finally {
    await Promise.all([smtp.stop(), services.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
