import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import request from 'supertest';
import { JobQueue } from '../../src/active-job';
import { CrmSyncJob } from '../../src/demo/crm';
import { RedisServer } from '../support/redis-server';
import { ChildApp } from '../support/child-app';
import { type CrmServer, startPartnerServices, type WebhookReceiver } from './support/partner-services';
import { scratchDir, startWebApp } from './support/web-app';

const REQUEST_TIMEOUT_MS = 2_000;

// The CRM and webhook jobs against real HTTP servers on loopback that answer 429, 500, 4xx or
// slowly when told to; the web app enqueues to a real Redis and `npm run worker` performs.
describe('CrmSyncJob and PartnerWebhookJob against real HTTP services', () => {
  let redis: RedisServer;
  let services: Awaited<ReturnType<typeof startPartnerServices>>;
  let crm: CrmServer;
  let partner: WebhookReceiver;
  let worker: ChildApp;
  let web: NestExpressApplication;
  let scratch: ReturnType<typeof scratchDir>;

  async function signUp(email: string, name = email.split('@')[0]): Promise<number> {
    const response = await request(web.getHttpServer()).post('/users').send({ email, name }).expect(201);
    return response.body.id;
  }

  /** The id of the job of `jobClass` that performed for this user, from the worker's log. */
  async function jobIdOf(jobClass: string, userId: number): Promise<string> {
    const [, jobId] = await worker.waitForLog(new RegExp(`Performing ${jobClass} \\(Job ID: ([\\w-]+)\\) .* with arguments: ${userId}\\b`));
    return jobId;
  }

  beforeAll(async () => {
    scratch = scratchDir();
    [redis, services] = await Promise.all([RedisServer.start(), startPartnerServices()]);
    ({ crm, partner } = services);
    const env = {
      ...services.env,
      REDIS_URL: redis.url,
      DATABASE_PATH: join(scratch.dir, 'demo.sqlite'),
      OUTBOX_DIR: join(scratch.dir, 'outbox'),
      THROTTLE_LIMIT: '1000',
      CRM_TIMEOUT: `${REQUEST_TIMEOUT_MS}ms`,
      WEBHOOK_TIMEOUT: `${REQUEST_TIMEOUT_MS}ms`,
    };
    worker = ChildApp.worker(env);
    ({ app: web } = await startWebApp(env));
    await worker.waitForLog(/Worker performing jobs from Redis at/, 30_000);
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await worker?.stop();
    await Promise.all([redis?.stop(), services?.stop()]);
    scratch?.remove();
  }, 30_000);

  describe('CrmSyncJob', () => {
    it('upserts the contact by email: a 500, its retry and a duplicate job leave one contact, changed once', async () => {
      const email = 'ada@example.com';
      crm.failNext(email, { status: 500 });
      const userId = await signUp(email, 'Ada Lovelace');
      const jobId = await jobIdOf('CrmSyncJob', userId);
      await worker.waitForLog(
        new RegExp(
          `Retrying CrmSyncJob \\(Job ID: ${jobId}\\) after 1 attempts in 3 seconds, due to a ServiceUnavailableError \\(CRM PUT ${crm.url}/contacts/ada%40example.com answered 500`,
        ),
      );
      await crm.waitForRequests(email, 2);
      // The same job enqueued again, as a duplicate delivery would: one more request, no change.
      await web.get(JobQueue).performLater(CrmSyncJob, userId);
      const requests = await crm.waitForRequests(email, 3);

      expect(requests.map((served) => served.status)).toEqual([500, 201, 200]);
      expect(crm.contacts.get(email)).toEqual({
        contact: { email, name: 'Ada Lovelace', externalId: String(userId), signedUpAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        changes: 1,
      });
      expect(worker.log).toContain(`CRM contact of user ${userId} created (Job ID: ${jobId})`);
      await worker.waitForLog(new RegExp(`CRM contact of user ${userId} unchanged`));
    }, 30_000);

    it('waits for Retry-After on a 429 and spends no attempt on it: nine 429s in a row, more than its 8 attempts, then success', async () => {
      const email = 'busy@example.com';
      crm.failNext(email, { status: 429, retryAfter: '1' }, ...Array.from({ length: 8 }, () => ({ status: 429, retryAfter: '0' })));
      const userId = await signUp(email);
      const requests = await crm.waitForRequests(email, 10, 30_000);

      expect(requests.map((served) => served.status)).toEqual([...Array(9).fill(429), 201]);
      expect(requests[1].receivedAt - requests[0].receivedAt).toBeGreaterThanOrEqual(1_000);
      const jobId = await jobIdOf('CrmSyncJob', userId);
      await worker.waitForLog(new RegExp(`Performed CrmSyncJob \\(Job ID: ${jobId}\\)`));
      expect(worker.log).toMatch(
        new RegExp(`CrmSyncJob \\(Job ID: ${jobId}\\) rate limited: CRM PUT .* answered 429.*, Retry-After 1; runs again in 1000 ms, no attempt spent`),
      );
      expect(worker.log).not.toMatch(new RegExp(`Stopped retrying CrmSyncJob \\(Job ID: ${jobId}\\)`));
      expect(crm.contacts.get(email)?.changes).toBe(1);
    }, 40_000);

    it('discards on a 4xx other than 429, with a log line naming the answer, and does not retry', async () => {
      const email = 'refused@example.com';
      crm.failNext(email, { status: 422, body: '{"message":"email domain is blocked"}' });
      const userId = await signUp(email);
      const jobId = await jobIdOf('CrmSyncJob', userId);
      await worker.waitForLog(
        new RegExp(
          `Discarded CrmSyncJob \\(Job ID: ${jobId}\\) due to a ServiceRejectedError \\(CRM PUT ${crm.url}/contacts/refused%40example.com answered 422: \\{"message":"email domain is blocked"\\}\\)`,
        ),
      );
      await worker.waitForLog(new RegExp(`Performed CrmSyncJob \\(Job ID: ${jobId}\\)`));
      expect(crm.requestsFor(email)).toHaveLength(1);
      expect(crm.contacts.has(email)).toBe(false);
    });

    it('aborts a request that outlives CRM_TIMEOUT, then retries it with backoff', async () => {
      const email = 'slow.crm@example.com';
      crm.failNext(email, { delayMs: 60_000 });
      const userId = await signUp(email);
      const jobId = await jobIdOf('CrmSyncJob', userId);
      await worker.waitForLog(
        new RegExp(
          `Retrying CrmSyncJob \\(Job ID: ${jobId}\\) after 1 attempts in 3 seconds, due to a ServiceUnavailableError \\(CRM PUT .* did not answer within ${REQUEST_TIMEOUT_MS} ms; the request was aborted\\)`,
        ),
      );
      const [first, second] = await crm.waitForRequests(email, 2);
      // The server saw the client hang up on the slow request, long before it would have answered.
      expect(first.aborted).toBe(true);
      expect(first.status).toBeUndefined();
      expect(second).toMatchObject({ aborted: false, status: 201 });
      expect(crm.contacts.get(email)?.changes).toBe(1);
    }, 30_000);
  });

  describe('PartnerWebhookJob', () => {
    it('posts user.signed_up signed with HMAC-SHA256 over its timestamp and body, the job id as Idempotency-Key', async () => {
      const email = 'grace@example.com';
      const userId = await signUp(email, 'Grace Hopper');
      const [delivery] = await partner.waitForRequests(email, 1);
      const jobId = await jobIdOf('PartnerWebhookJob', userId);

      expect(delivery.status).toBe(200);
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-event-type']).toBe('user.signed_up');
      expect(delivery.headers['idempotency-key']).toBe(jobId);
      const signature = partner.signatureOf(delivery);
      expect(signature.valid).toBe(true);
      expect(Math.abs(signature.timestamp - delivery.receivedAt / 1000)).toBeLessThan(60);
      expect(JSON.parse(delivery.body)).toEqual({
        id: jobId,
        type: 'user.signed_up',
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { user: { id: String(userId), email, name: 'Grace Hopper' } },
      });
      expect(partner.eventsFor(email)).toEqual([{ event: JSON.parse(delivery.body), deliveries: 1 }]);
    });

    it('retries a delivery whose answer was lost with the same key, freshly signed, and the receiver drops the repeat', async () => {
      const email = 'lost.ack@example.com';
      partner.failNext(email, { status: 500, afterStoring: true });
      const userId = await signUp(email);
      const [first, second] = await partner.waitForRequests(email, 2);
      const jobId = await jobIdOf('PartnerWebhookJob', userId);

      expect([first.status, second.status]).toEqual([500, 200]);
      expect(first.headers['idempotency-key']).toBe(jobId);
      expect(second.headers['idempotency-key']).toBe(jobId);
      expect(partner.signatureOf(first).valid).toBe(true);
      expect(partner.signatureOf(second).valid).toBe(true);
      expect(partner.eventsFor(email)).toEqual([{ event: expect.objectContaining({ id: jobId }), deliveries: 2 }]);
      // Backoff with jitter: 2 s plus up to half of it.
      expect(worker.log).toMatch(
        new RegExp(
          `Retrying PartnerWebhookJob \\(Job ID: ${jobId}\\) after 1 attempts in (2|3) seconds, due to a ServiceUnavailableError \\(Partner webhook POST .* answered 500`,
        ),
      );
      expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(2_000);
    }, 30_000);

    it('aborts a delivery that outlives WEBHOOK_TIMEOUT, then delivers it on the retry', async () => {
      const email = 'slow.partner@example.com';
      partner.failNext(email, { delayMs: 60_000 });
      const userId = await signUp(email);
      const [first, second] = await partner.waitForRequests(email, 2);
      const jobId = await jobIdOf('PartnerWebhookJob', userId);

      expect(first.aborted).toBe(true);
      expect(first.status).toBeUndefined();
      expect(second).toMatchObject({ aborted: false, status: 200 });
      expect(worker.log).toMatch(
        new RegExp(`Retrying PartnerWebhookJob \\(Job ID: ${jobId}\\) .*\\(Partner webhook POST .* did not answer within ${REQUEST_TIMEOUT_MS} ms`),
      );
      expect(partner.eventsFor(email)).toHaveLength(1);
    }, 30_000);

    it('waits for Retry-After on a 429 without spending an attempt', async () => {
      const email = 'limited.partner@example.com';
      partner.failNext(email, { status: 429, retryAfter: '1' });
      const userId = await signUp(email);
      const [first, second] = await partner.waitForRequests(email, 2);
      const jobId = await jobIdOf('PartnerWebhookJob', userId);

      expect([first.status, second.status]).toEqual([429, 200]);
      expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1_000);
      expect(worker.log).toMatch(new RegExp(`PartnerWebhookJob \\(Job ID: ${jobId}\\) rate limited: .*no attempt spent`));
      expect(worker.log).not.toMatch(new RegExp(`Retrying PartnerWebhookJob \\(Job ID: ${jobId}\\) after \\d+ attempts in \\d+ seconds, due to`));
    }, 30_000);
  });
});
