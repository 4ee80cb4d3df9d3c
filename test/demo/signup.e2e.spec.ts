import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import request from 'supertest';
import { JobQueue } from '../../src/active-job';
import { WelcomeEmailJob } from '../../src/demo/jobs';
import { RedisServer } from '../support/redis-server';
import { ChildApp } from '../support/child-app';
import { SmtpSink } from '../support/smtp-sink';
import { startPartnerServices } from './support/partner-services';
import { findUserRow } from './support/users-table';
import { waitFor } from '../support/wait-until';
import { scratchDir, startWebApp } from './support/web-app';

// The production shape: the web app enqueues to a real Redis, `npm run worker` (a separate
// process) performs the job and delivers to a real SMTP server.
describe('Signup with Redis, a worker process and SMTP', () => {
  let redis: RedisServer;
  let smtp: SmtpSink;
  let worker: ChildApp;
  let web: NestExpressApplication;
  let scratch: ReturnType<typeof scratchDir>;
  let databasePath: string;
  let partners: Awaited<ReturnType<typeof startPartnerServices>>;

  const signUp = (body: object) => request(web.getHttpServer()).post('/users').send(body);

  beforeAll(async () => {
    scratch = scratchDir();
    databasePath = join(scratch.dir, 'demo.sqlite');
    [redis, smtp, partners] = await Promise.all([RedisServer.start(), SmtpSink.start(), startPartnerServices()]);
    const env = {
      ...partners.env,
      REDIS_URL: redis.url,
      SMTP_URL: smtp.url,
      DATABASE_PATH: databasePath,
      MAIL_FROM: 'Demo <welcome@demo.test>',
      ENQUEUE_TIMEOUT: '1s',
      THROTTLE_LIMIT: '1000',
    };
    worker = ChildApp.worker(env);
    ({ app: web } = await startWebApp(env));
    await worker.waitForLog(/Worker performing jobs from Redis at/);
  }, 60_000);

  afterAll(async () => {
    await web?.close();
    await worker?.stop();
    await Promise.all([redis?.stop(), smtp?.stop(), partners?.stop()]);
    scratch?.remove();
  }, 30_000);

  it('answers 201 before the email is sent, then the worker delivers "Welcome, <name>!"', async () => {
    const held = smtp.hold('ada@example.com');
    const response = await signUp({ email: 'ada@example.com', name: 'Ada Lovelace' }).expect(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      notice: 'Signed up successfully!',
      queued: ['your welcome email (queue mailers)', 'your contact in our CRM (queue crm)', 'a user.signed_up event for our partner (queue webhooks)'],
    });
    // The mail server is still holding the delivery: the response did not wait for it.
    await waitFor('the worker to reach the mail server', () => smtp.attempts.get('ada@example.com') === 1);
    expect(smtp.mailsTo('ada@example.com')).toHaveLength(0);
    held.release();

    const { message } = await smtp.waitForMailTo('ada@example.com');
    expect(message.to).toMatchObject({ value: [{ address: 'ada@example.com', name: 'Ada Lovelace' }] });
    expect(message.from?.value[0]).toEqual({ address: 'welcome@demo.test', name: 'Demo' });
    expect(message.subject).toBe('Welcome, Ada Lovelace!');
    expect(message.text).toContain('Hi Ada Lovelace,');
    expect(message.text).toContain('Your account for ada@example.com is ready.');
    expect(message.html).toContain('<h1 style="font-size: 22px">Welcome, Ada Lovelace!</h1>');
    // The probe answers undefined (keep waiting) until welcomed_at is set: a null would end the wait at once.
    const row = await waitFor('welcomed_at to be recorded', () =>
      findUserRow(databasePath, 'ada@example.com')?.welcomed_at ? findUserRow(databasePath, 'ada@example.com') : undefined,
    );
    expect(row).toMatchObject({ id: response.body.id, name: 'Ada Lovelace', welcomed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it.each([
    ['a malformed email', { email: 'not-an-email', name: 'Bob' }, 'email must be an email address'],
    ['a missing email', { name: 'Bob' }, 'email must be an email address'],
    ['a missing name', { email: 'bob@example.com' }, 'name must be a string'],
    ['an extra field', { email: 'bob@example.com', name: 'Bob', admin: true }, 'property admin should not exist'],
    [
      'a name with a line feed',
      { email: 'bob@example.com', name: 'Bob\nBcc: victim@example.com' },
      'name must not contain line breaks or other control characters',
    ],
    ['a name with a carriage return', { email: 'bob@example.com', name: 'Bob\r' }, 'name must not contain line breaks or other control characters'],
    ['a name over 100 characters', { email: 'bob@example.com', name: 'B'.repeat(101) }, 'name must be shorter than or equal to 100 characters'],
    ['a blank name', { email: 'bob@example.com', name: '   ' }, 'name must not be blank'],
  ])('answers 400 for %s and stores nothing', async (_case, body, message) => {
    const response = await signUp(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.message).toContain(message);
    expect(findUserRow(databasePath, 'bob@example.com')).toBeUndefined();
  });

  it('answers an empty name with one message, the blank-name one', async () => {
    const response = await signUp({ email: 'bob@example.com', name: '' }).expect(400);
    expect(response.body.message).toEqual(['name must not be blank']);
  });

  it('answers 400 for a body that is not JSON', async () => {
    await request(web.getHttpServer()).post('/users').set('Content-Type', 'application/json').send('{"email":').expect(400);
  });

  it('accepts a name of exactly 100 characters', async () => {
    await signUp({ email: 'long@example.com', name: 'L'.repeat(100) }).expect(201);
  });

  it('answers 409 for an email already signed up, whatever its case, and sends no second email', async () => {
    await signUp({ email: 'grace@example.com', name: 'Grace Hopper' }).expect(201);
    const response = await signUp({ email: 'Grace@Example.com', name: 'Someone Else' }).expect(409);
    // The message names the address as stored: normalized, its domain lower-cased.
    expect(response.body).toMatchObject({ statusCode: 409, message: 'Grace@example.com is already signed up' });
    await smtp.waitForMailTo('grace@example.com');
    expect(smtp.mailsTo('grace@example.com')).toHaveLength(1);
    expect(findUserRow(databasePath, 'grace@example.com')?.name).toBe('Grace Hopper');
  });

  it('retries a transient SMTP failure after a backoff, then delivers', async () => {
    smtp.refuse('greylisted@example.com', 451);
    await signUp({ email: 'greylisted@example.com', name: 'Grey' }).expect(201);
    const { message } = await smtp.waitForMailTo('greylisted@example.com');
    expect(message.subject).toBe('Welcome, Grey!');
    expect(smtp.attempts.get('greylisted@example.com')).toBe(2);
    expect(worker.log).toMatch(/Retrying WelcomeEmailJob \(Job ID: [\w-]+\) after 1 attempts in 2 seconds, due to a TransientSmtpError \(.*451/);
  });

  it('discards without retrying when the mail server refuses the address for good', async () => {
    smtp.refuse('nobody@example.com', 550);
    await signUp({ email: 'nobody@example.com', name: 'Nobody' }).expect(201);
    const [, jobId] = await worker.waitForLog(/Discarded WelcomeEmailJob \(Job ID: ([\w-]+)\) due to a PermanentSmtpError \(.*550/);
    // Performed (not failed) means Bull completed the job: no retry is coming.
    await worker.waitForLog(new RegExp(`Performed WelcomeEmailJob \\(Job ID: ${jobId}\\)`));
    expect(worker.log).not.toMatch(new RegExp(`Retrying WelcomeEmailJob \\(Job ID: ${jobId}\\)`));
    expect(smtp.attempts.get('nobody@example.com')).toBe(1);
    expect(findUserRow(databasePath, 'nobody@example.com')?.welcomed_at).toBeNull();
  });

  it('discards a job whose user no longer exists', async () => {
    const { jobId } = await web.get(JobQueue).performLater(WelcomeEmailJob, 987_654);
    await worker.waitForLog(new RegExp(`Discarded WelcomeEmailJob \\(Job ID: ${jobId}\\) due to a UserNotFoundError \\(user 987654 does not exist\\)`));
    await worker.waitForLog(new RegExp(`Performed WelcomeEmailJob \\(Job ID: ${jobId}\\)`));
  });

  it('keeps Bull Board unmounted without BOARD_USER and BOARD_PASSWORD', async () => {
    await request(web.getHttpServer()).get('/admin/queues').expect(404);
  });

  it('has no outbox pages when mail goes through SMTP', async () => {
    await request(web.getHttpServer()).get('/mails').expect(404);
  });

  it('reports readiness in /health (the process and its database) and Redis in /health/redis', async () => {
    const response = await request(web.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { process: { status: 'up' }, database: { status: 'up', jobsWaitingInOutbox: expect.any(Number) } },
    });
    expect(response.body.info.redis).toBeUndefined();
    const redisHealth = await request(web.getHttpServer()).get('/health/redis').expect(200);
    expect(redisHealth.body).toMatchObject({ status: 'ok', info: { redis: { status: 'up', target: redis.url } } });
  });

  describe('resending the welcome email (POST /users/:id/welcome-email, deliverLater)', () => {
    const resend = (id: number | string, body: object | null = {}) => {
      const post = request(web.getHttpServer()).post(`/users/${id}/welcome-email`);
      return body === null ? post : post.send(body);
    };

    it('answers 202, and the worker sends the email again: one more at the mail server for each request', async () => {
      const { body: user } = await signUp({ email: 'resend@example.com', name: 'Ada Again' }).expect(201);
      await smtp.waitForMailTo('resend@example.com');
      const response = await resend(user.id).expect(202);
      expect(response.body).toEqual({ notice: 'Your welcome email is on its way again.', queued: ['your welcome email, again (queue mailers)'] });
      await waitFor('the second email', () => smtp.mailsTo('resend@example.com').length === 2);
      const [first, second] = smtp.mailsTo('resend@example.com');
      expect(second.message.subject).toBe(first.message.subject);
      expect(second.message.text).toBe(first.message.text);
      // Sent by the library's MailDeliveryJob in the worker, not by a second WelcomeEmailJob.
      await worker.waitForLog(/Performed MailDeliveryJob \(Job ID: [\w-]+\) from Bull\(mailers\)/);
    });

    it('answers 404 for a user that does not exist, and 400 for an id that is not a number', async () => {
      const missing = await resend(987_654).expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, message: 'user 987654 does not exist' });
      await resend('abc').expect(400);
    });

    it('answers 415 to a request that is not JSON, as a form on another site would send it', async () => {
      const { body: user } = await signUp({ email: 'csrf@example.com', name: 'Csrf' }).expect(201);
      await resend(user.id, null).expect(415);
      await request(web.getHttpServer()).post(`/users/${user.id}/welcome-email`).type('form').send({ a: '1' }).expect(415);
      await smtp.waitForMailTo('csrf@example.com');
      expect(smtp.mailsTo('csrf@example.com')).toHaveLength(1);
    });

    it('answers 429 past 3 resends of one user in 10 minutes, whatever the id looks like; other users are not held back', async () => {
      const [{ body: often }, { body: other }] = [
        await signUp({ email: 'often@example.com', name: 'Often' }).expect(201),
        await signUp({ email: 'other@example.com', name: 'Other' }).expect(201),
      ];
      await resend(often.id).expect(202);
      await resend(`0${often.id}`).expect(202);
      await resend(often.id).expect(202);
      const refused = await resend(`00${often.id}`).expect(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        message: 'This welcome email was asked for again 3 times in the last 10 minutes: please wait before asking once more.',
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await resend(other.id).expect(202);
      await waitFor('the welcome email and its 3 resends', () => smtp.mailsTo('often@example.com').length === 4);
      await waitFor("the other user's welcome email and its resend", () => smtp.mailsTo('other@example.com').length === 2);
    });
  });

  // Last: it takes Redis away. The user and its job commit together in SQLite (the outbox); the relay moves the job once Redis is back.
  it('answers 201 at once while Redis is down and stays ready; a resend, which needs Redis, answers 503; the welcome email goes out once Redis is back', async () => {
    await redis.stop(false);
    const redisHealth = await request(web.getHttpServer()).get('/health/redis').expect(503);
    expect(redisHealth.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
    await request(web.getHttpServer()).get('/health').expect(200);

    const startedAt = Date.now();
    const { body: user } = await signUp({ email: 'linus@example.com', name: 'Linus' }).expect(201);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(findUserRow(databasePath, 'linus@example.com')).toMatchObject({ name: 'Linus', welcomed_at: null });
    expect(smtp.mailsTo('linus@example.com')).toEqual([]);

    // deliverLater outside a transaction goes straight to Redis: it gives up after ENQUEUE_TIMEOUT (1 s here).
    const refused = await request(web.getHttpServer()).post(`/users/${user.id}/welcome-email`).send({}).expect(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'We could not queue your email just now. Please try again in a minute.',
    });

    await redis.restart();
    const { message } = await smtp.waitForMailTo('linus@example.com', 20_000);
    expect(message.subject).toBe('Welcome, Linus!');
  }, 40_000);
});
