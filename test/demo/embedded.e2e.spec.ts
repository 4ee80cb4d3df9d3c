import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import request from 'supertest';
import { EmlOutbox } from '../../src/active-job/mailer';
import { ChildApp } from '../support/child-app';
import { waitFor } from '../support/wait-until';
import { type ScratchDir, scratchDir, startUnconfiguredWeb, startWebApp } from './support/web-app';

// What a newcomer gets from `npm start` with no setup: no Redis, no SMTP server.
describe('npm start without REDIS_URL and SMTP_URL', () => {
  let web: ChildApp;
  let baseUrl: string;
  let scratch: ScratchDir;

  beforeAll(async () => {
    ({ web, url: baseUrl, scratch } = await startUnconfiguredWeb({ BOARD_USER: 'admin', BOARD_PASSWORD: 'secret' }));
  }, 40_000);

  afterAll(async () => {
    await web?.stop();
    scratch?.remove();
  }, 20_000);

  it('says in its startup log that it performs the jobs itself and where mail goes', () => {
    expect(web.log).toContain('Jobs: performed in this process by the async adapter (REDIS_URL is unset)');
    expect(web.log).toContain(`Mail: outbox in ${join(scratch.dir, 'outbox')}, shown on http://localhost:`);
    expect(web.log).toContain('Bull Board: off (needs REDIS_URL, BOARD_USER and BOARD_PASSWORD)');
  });

  it('serves the signup form', async () => {
    const response = await request(baseUrl)
      .get('/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(response.text).toContain('<form id="signup" method="post" action="/users"');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    await request(baseUrl)
      .get('/assets/signup.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
  });

  it('signs up, and the welcome email shows up in the outbox at /mails and /mails/:id', async () => {
    await request(baseUrl)
      .post('/users')
      .send({ email: 'grace@example.com', name: 'Grace Hopper' })
      .expect(201, {
        id: 1,
        email: 'grace@example.com',
        name: 'Grace Hopper',
        notice: 'Signed up successfully!',
        queued: ['your welcome email (queue mailers)', 'your contact in our CRM (queue crm)', 'a user.signed_up event for our partner (queue webhooks)'],
      });
    const list = await waitFor('the welcome email in the outbox', async () => {
      const page = await request(baseUrl).get('/mails').expect(200);
      return page.text.includes('Welcome, Grace Hopper!') && page.text;
    });
    const [, id] = list.match(/<a href="\/mails\/([\w-]+)">Welcome, Grace Hopper!<\/a>/)!;
    expect(list).toContain('&quot;Grace Hopper&quot; &lt;grace@example.com&gt;');

    const mail = await request(baseUrl).get(`/mails/${id}`).expect(200);
    expect(mail.text).toContain('<h1>Welcome, Grace Hopper!</h1>');
    expect(mail.text).toContain('Hi Grace Hopper,');
    expect(mail.text).toMatch(/<iframe title="HTML part" sandbox srcdoc="[^"]*&lt;h1 style=&quot;font-size: 22px&quot;&gt;Welcome, Grace Hopper!&lt;\/h1&gt;/);
  });

  it('sends the welcome email again on request (deliverLater on the async adapter): a second one in /mails', async () => {
    await request(baseUrl).post('/users/1/welcome-email').send({}).expect(202);
    await waitFor('the resent welcome email in the outbox', async () => {
      const page = await request(baseUrl).get('/mails').expect(200);
      return page.text.match(/>Welcome, Grace Hopper!<\/a>/g)?.length === 2 && page.text;
    });
    await request(baseUrl).post('/users/999/welcome-email').send({}).expect(404);
  });

  it('escapes what users typed on every page', async () => {
    const name = '<img src=x onerror=alert(1)>';
    await request(baseUrl).post('/users').send({ email: 'mallory@example.com', name }).expect(201);
    const list = await waitFor("Mallory's welcome email", async () => {
      const page = await request(baseUrl).get('/mails').expect(200);
      return page.text.includes('mallory@example.com') && page.text;
    });
    expect(list).not.toContain('<img');
    expect(list).toContain('Welcome, &lt;img src=x onerror=alert(1)&gt;!');
    const [, id] = list.match(/<a href="\/mails\/([\w-]+)">Welcome, &lt;img/)!;
    const mail = await request(baseUrl).get(`/mails/${id}`).expect(200);
    expect(mail.text).not.toContain('<img');
    // Escaped twice inside srcdoc: once in the email's HTML, once for the attribute.
    expect(mail.text).toContain('Welcome, &amp;lt;img src=x onerror=alert(1)&amp;gt;!');
  });

  it('answers 404 for an email that is not in the outbox, and for a path that is not an outbox id', async () => {
    await request(baseUrl).get('/mails/1700000000000-00000000').expect(404);
    await request(baseUrl).get('/mails/..%2F..%2Fetc%2Fpasswd').expect(404);
  });

  it('reports readiness in /health, without Redis; /health/redis says Redis is not used', async () => {
    const response = await request(baseUrl).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' }, database: { status: 'up', jobsWaitingInOutbox: 0 } } });
    expect(response.body.info.redis).toBeUndefined();
    const redis = await request(baseUrl).get('/health/redis').expect(404);
    expect(redis.body.message).toBe('REDIS_URL is not set: this process runs its jobs itself, without Redis');
  });

  it('never mounts Bull Board without Redis, even with credentials', async () => {
    await request(baseUrl).get('/admin/queues').auth('admin', 'secret').expect(404);
  });

  it('shuts down on SIGTERM', async () => {
    const { code, signal } = await web.stop();
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(web.log).not.toMatch(/ERROR/);
  });
});

describe('signup rate limit', () => {
  let web: NestExpressApplication;
  let scratch: ScratchDir;

  beforeAll(async () => {
    scratch = scratchDir();
    ({ app: web } = await startWebApp({
      DATABASE_PATH: join(scratch.dir, 'demo.sqlite'),
      OUTBOX_DIR: join(scratch.dir, 'outbox'),
      THROTTLE_LIMIT: '2',
      THROTTLE_TTL: '1m',
    }));
  });

  afterAll(async () => {
    await web?.close();
    scratch?.remove();
  });

  it('answers 429 past THROTTLE_LIMIT signups per THROTTLE_TTL, with Retry-After', async () => {
    const signUp = (n: number) =>
      request(web.getHttpServer())
        .post('/users')
        .send({ email: `rate${n}@example.com`, name: `Rate ${n}` });
    await signUp(1).expect(201);
    await signUp(2).expect(201);
    const refused = await signUp(3).expect(429);
    expect(refused.body).toEqual({ statusCode: 429, message: 'Too many signups from your address: please wait a little and try again.' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await request(web.getHttpServer()).get('/health').expect(200);
    // Only the accepted two were performed (and are awaited here, as the async adapter drops pending jobs at shutdown).
    const outbox = web.get(EmlOutbox);
    const mails = await waitFor('the two welcome emails', async () => ((await outbox.list()).length === 2 ? outbox.list() : undefined));
    expect(mails.map((mail) => mail.subject).sort()).toEqual(['Welcome, Rate 1!', 'Welcome, Rate 2!']);
  });
});

describe('npm run worker without REDIS_URL', () => {
  it('exits with status 1 and explains that the web process performs the jobs itself', async () => {
    const worker = ChildApp.worker({});
    expect(await worker.waitForExit()).toEqual({ code: 1, signal: null });
    expect(worker.log).toContain('npm run worker needs REDIS_URL (e.g. redis://127.0.0.1:6379): without Redis, `npm start` performs the jobs itself');
  }, 20_000);
});
