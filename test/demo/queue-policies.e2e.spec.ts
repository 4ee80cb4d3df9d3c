import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { join } from 'node:path';
import request from 'supertest';
import { ChildApp } from '../support/child-app';
import { RedisServer } from '../support/redis-server';
import { SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-until';
import { type PartnerServices, startPartnerServices } from './support/partner-services';
import { scratchDir, startWebApp } from './support/web-app';

const SIGNUPS = 10;
// What the job classes declare: @Processor concurrency and @Job priority of each queue.
const POLICIES = {
  mailers: { concurrency: 5, priority: '1', jobClass: 'WelcomeEmailJob' },
  crm: { concurrency: 4, priority: '2', jobClass: 'CrmSyncJob' },
  webhooks: { concurrency: 8, priority: '2', jobClass: 'PartnerWebhookJob' },
} as const;
type QueueName = keyof typeof POLICIES;

// `npm run worker` against a real Redis, with every mail server, CRM and partner answer held back: each
// queue fills exactly its @Processor's slots and leaves the rest waiting, in the order of their priorities.
describe("The worker runs each of the signup's queues at its own concurrency and priority", () => {
  let redis: RedisServer;
  let smtp: SmtpSink;
  let partners: PartnerServices;
  let worker: ChildApp;
  let web: NestExpressApplication;
  let inspect: Redis;
  let scratch: ReturnType<typeof scratchDir>;

  const emails = Array.from({ length: SIGNUPS }, (_, index) => `queued${index}@example.com`);

  beforeAll(async () => {
    scratch = scratchDir();
    [redis, smtp, partners] = await Promise.all([RedisServer.start(), SmtpSink.start(), startPartnerServices()]);
    const env = {
      ...partners.env,
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      DATABASE_PATH: join(scratch.dir, 'demo.sqlite'),
      // Held requests must not time out and retry while the test looks at them.
      CRM_TIMEOUT: '50s',
      WEBHOOK_TIMEOUT: '50s',
      THROTTLE_LIMIT: '1000',
    };
    inspect = new Redis(redis.url);
    worker = ChildApp.worker(env);
    ({ app: web } = await startWebApp(env));
    await worker.ready(/Worker performing jobs from Redis at/);
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await worker?.stop();
    inspect?.disconnect();
    await Promise.all([redis?.stop(), smtp?.stop(), partners?.stop()]);
    scratch?.remove();
  }, 30_000);

  /** Bull's active and waiting jobs of a queue, with the class and priority of each waiting one. */
  async function queueState(queue: QueueName) {
    const key = `bull:${queue}`;
    const [active, waitingIds] = await Promise.all([inspect.llen(`${key}:active`), inspect.lrange(`${key}:wait`, 0, -1)]);
    const waiting = await Promise.all(
      waitingIds.map(async (id) => ({ name: await inspect.hget(`${key}:${id}`, 'name'), priority: await inspect.hget(`${key}:${id}`, 'priority') })),
    );
    return { active, waiting };
  }

  const LATE = 'late@example.com';
  /** Addresses the mail server was asked to take, and holds: one per mailers slot in use. */
  const addressesTried = () => [...emails, LATE].filter((email) => smtp.attempts.has(email));

  it('fills the slots of each queue and no more: mailers 5, crm 4, webhooks 8; the rest wait with their priority', async () => {
    const holds = [...emails, LATE].map((email) => smtp.hold(email));
    const crm = partners.crm.holdAll();
    const partner = partners.partner.holdAll();
    for (const [index, email] of emails.entries()) {
      await request(web.getHttpServer())
        .post('/users')
        .send({ email, name: `Queued ${index}` })
        .expect(201);
    }

    // Every slot taken, every other job waiting: with all answers held, nothing moves on from here.
    const state = await waitFor(
      'every queue to fill its slots',
      async () => {
        const queues = { mailers: await queueState('mailers'), crm: await queueState('crm'), webhooks: await queueState('webhooks') };
        const held = { mailers: addressesTried().length, crm: partners.crm.inFlight().length, webhooks: partners.partner.inFlight().length };
        const full = (Object.keys(POLICIES) as QueueName[]).every(
          (queue) => queues[queue].active === POLICIES[queue].concurrency && held[queue] === POLICIES[queue].concurrency,
        );
        const settled = (Object.keys(POLICIES) as QueueName[]).every((queue) => queues[queue].waiting.length === SIGNUPS - POLICIES[queue].concurrency);
        return full && settled && { queues, held };
      },
      30_000,
      50,
    );
    for (const queue of Object.keys(POLICIES) as QueueName[]) {
      const { concurrency, priority, jobClass } = POLICIES[queue];
      expect({ queue, active: state.queues[queue].active, held: state.held[queue] }).toEqual({ queue, active: concurrency, held: concurrency });
      expect(state.queues[queue].waiting).toEqual(Array.from({ length: SIGNUPS - concurrency }, () => ({ name: jobClass, priority })));
    }

    crm.release();
    partner.release();
    await waitFor('every contact', () => partners.crm.contacts.size === SIGNUPS, 20_000);
    await waitFor('every event', () => partners.partner.events.size === SIGNUPS, 20_000);
    // The mail server still holds its five: the other queues never borrowed the mailers' slots, nor it theirs.
    expect(addressesTried()).toHaveLength(POLICIES.mailers.concurrency);

    // A resend (deliverLater, priority 2) joins the five welcome emails waiting (priority 1): it goes after them.
    const [first] = addressesTried();
    const { body: user } = await request(web.getHttpServer()).post('/users').send({ email: LATE, name: 'Late' }).expect(201);
    await request(web.getHttpServer()).post(`/users/${user.id}/welcome-email`).send({}).expect(202);
    await waitFor('the resend and the late welcome email in the mailers queue', async () => (await queueState('mailers')).waiting.length === 7);
    expect((await queueState('mailers')).waiting.map(({ name }) => name).sort()).toEqual(['MailDeliveryJob', ...Array(6).fill('WelcomeEmailJob')]);

    // One slot frees: the next job taken is one of the six welcome emails (all held), never the resend.
    holds[emails.indexOf(first)].release();
    await smtp.waitForMailTo(first);
    await waitFor('the freed slot to be taken again', async () => (await queueState('mailers')).waiting.length === 6 && addressesTried().length === 6);
    expect((await queueState('mailers')).waiting.map(({ name }) => name).sort()).toEqual(['MailDeliveryJob', ...Array(5).fill('WelcomeEmailJob')]);

    holds.forEach(({ release }) => release());
    await waitFor('every email, the resend included', () => smtp.received.length === SIGNUPS + 2, 30_000);
    expect(emails.map((email) => smtp.mailsTo(email).length)).toEqual(emails.map(() => 1));
    expect(smtp.mailsTo(LATE).map(({ message }) => message.subject)).toEqual(['Welcome, Late!', 'Welcome, Late!']);
  }, 90_000);
});
