import { join } from 'node:path';
import request from 'supertest';
import { DEVELOPMENT_WEBHOOK_SECRET } from '../../src/demo/config';
import { signWebhook } from '../../src/demo/webhooks';
import { ChildApp } from '../support/child-app';
import { waitFor } from '../support/wait-until';
import { type ScratchDir, scratchDir, startUnconfiguredWeb } from './support/web-app';

// `npm start` with nothing configured: the CRM and the partner are the demo's own fakes, and one
// signup shows up in all three places.
describe('npm start without CRM_URL and WEBHOOK_URL', () => {
  let web: ChildApp;
  let baseUrl: string;
  let scratch: ScratchDir;

  beforeAll(async () => {
    ({ web, url: baseUrl, scratch } = await startUnconfiguredWeb());
  }, 40_000);

  afterAll(async () => {
    await web?.stop();
    scratch?.remove();
  }, 20_000);

  it('says in its startup log where the CRM and partner jobs send', () => {
    expect(web.log).toContain(`CRM: the fake CRM on http://localhost:${new URL(baseUrl).port}/fake-crm (CRM_URL is unset)`);
    expect(web.log).toContain(`Partner webhooks: the fake partner on http://localhost:${new URL(baseUrl).port}/fake-partner (WEBHOOK_URL is unset)`);
  });

  it('shows one signup as an email at /mails, a contact at /fake-crm and a verified event at /fake-partner, all escaped', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const { body } = await request(baseUrl).post('/users').send({ email: 'mallory@example.com', name }).expect(201);
    expect(body.queued).toHaveLength(3);

    const page = (path: string, what: string) =>
      waitFor(what, async () => {
        const response = await request(baseUrl).get(path).expect(200);
        return response.text.includes('mallory@example.com') && response;
      });
    const [mails, crm, partner] = await Promise.all([
      page('/mails', 'the welcome email in the outbox'),
      page('/fake-crm', 'the contact on the fake CRM'),
      page('/fake-partner', 'the event on the fake partner'),
    ]);
    for (const response of [mails, crm, partner]) {
      expect(response.text).not.toContain('<img');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
    expect(crm.text).toContain(`<td>&lt;img src=x onerror=alert(1)&gt;</td>`);
    expect(crm.text).toMatch(new RegExp(`<td>${body.id}</td>\\s*<td>1 / 1</td>`));
    expect(partner.text).toContain('<td><code>user.signed_up</code></td>');
    expect(partner.text).toMatch(/<td><code>[\w-]{36}<\/code><\/td>\s*<td>1<\/td>/);
    await web.waitForLog(/Performed PartnerWebhookJob/);
    await web.waitForLog(/Performed CrmSyncJob/);
  });

  it('refuses a webhook whose signature does not match, and counts a repeated key once', async () => {
    const forged = await request(baseUrl)
      .post('/fake-partner/events')
      .set('X-Signature', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`)
      .set('Idempotency-Key', 'forged-1')
      .send({ id: 'forged-1', type: 'user.signed_up' })
      .expect(400);
    expect(forged.body.message).toBe('Refused webhook: signature does not match the body (wrong secret, or the body was changed)');
    const unsigned = await request(baseUrl).post('/fake-partner/events').send({ id: 'x' }).expect(400);
    expect(unsigned.body.message).toBe('Refused webhook: missing X-Signature header');

    const body = JSON.stringify({ id: 'evt-twice', type: 'user.signed_up', data: { user: { email: 'twice@example.com', name: 'Twice' } } });
    const deliver = () =>
      request(baseUrl)
        .post('/fake-partner/events')
        .set('Content-Type', 'application/json')
        .set('X-Signature', signWebhook(DEVELOPMENT_WEBHOOK_SECRET, body))
        .set('Idempotency-Key', 'evt-twice')
        .send(body)
        .expect(200);
    expect((await deliver()).body).toEqual({ received: true, duplicate: false, deliveries: 1 });
    expect((await deliver()).body).toEqual({ received: true, duplicate: true, deliveries: 2 });
    const page = await request(baseUrl).get('/fake-partner').expect(200);
    expect(page.text.match(/<code>evt-twice<\/code>/g)).toHaveLength(1);
  });

  it('answers 400 to an upsert whose path and body name different contacts', async () => {
    const response = await request(baseUrl)
      .put('/fake-crm/api/contacts/a%40example.com')
      .send({ email: 'b@example.com', name: 'B', externalId: '1', signedUpAt: new Date().toISOString() })
      .expect(400);
    expect(response.body.message).toBe('The path names a@example.com but the body is the contact of b@example.com');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const { code, signal } = await web.stop();
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(web.log).not.toMatch(/ERROR/);
  });
});

describe('NODE_ENV=production without WEBHOOK_SECRET', () => {
  it.each(['web', 'worker'] as const)(
    'npm %s exits with status 1 and says why',
    async (role) => {
      const scratch = scratchDir();
      try {
        const env = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:1', DATABASE_PATH: join(scratch.dir, 'demo.sqlite') };
        const child = role === 'web' ? ChildApp.web(env) : ChildApp.worker(env);
        expect(await child.waitForExit()).toEqual({ code: 1, signal: null });
        expect(child.log).toContain('WEBHOOK_SECRET must be set when NODE_ENV=production: the development default is public');
      } finally {
        scratch.remove();
      }
    },
    30_000,
  );
});
