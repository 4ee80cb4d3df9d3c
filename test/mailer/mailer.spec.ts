import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bull';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import Database from 'better-sqlite3';
import { InvalidMailerOptionsError, MailDeliveryJob, MailerModule, UnknownMailerError } from '../../src/active-job/mailer';
import { promoteNextRetry } from '../support/bull-retries';
import { OutboxRelayService, Processor, QUEUE_ADAPTER, SqliteOutboxStore } from '../../src/active-job';
import { BullAdapter } from '../../src/active-job/adapters/bull.adapter';
import { testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';
import { SmtpSink } from '../support/smtp-sink';
import { AccountMailer } from './fixtures/account.mailer';
import { createMailApp } from './fixtures/mail-app';

function mailersQueue(app: INestApplication): Queue {
  return app.get<BullAdapter>(QUEUE_ADAPTER).registry.get('mailers');
}

describe('mailers', () => {
  let sink: SmtpSink;
  let apps: INestApplication[];

  beforeAll(async () => {
    sink = await SmtpSink.start();
  });
  afterAll(() => sink.stop());
  beforeEach(() => {
    apps = [];
    sink.received.length = 0;
    sink.attempts.clear();
  });
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  async function app(...args: Parameters<typeof createMailApp>): Promise<INestApplication> {
    const created = await createMailApp(...args);
    apps.push(created);
    return created;
  }

  describe('deliverNow', () => {
    it('builds the message with the mailer defaults and sends it through SMTP, attachments included', async () => {
      await app({ adapter: 'inline' }, { transport: { smtp: sink.url } });
      await AccountMailer.compose().welcomeEmail(1).deliverNow();

      const { message, envelopeTo } = await sink.waitForMailTo('ada@example.com');
      expect(envelopeTo).toEqual(['ada@example.com']);
      expect(message.from?.value).toEqual([{ name: 'Acme', address: 'hello@acme.test' }]);
      expect(message.replyTo?.text).toBe('help@acme.test');
      expect(message.subject).toBe('Welcome, Ada!');
      expect(message.text?.trim()).toBe('Hi Ada, welcome aboard.');
      expect(message.html).toContain('<h1>Welcome, Ada!</h1>');
      expect(message.attachments.map((attachment) => [attachment.filename, attachment.content.toString()])).toEqual([['terms.txt', 'Be nice.']]);
    });

    it('lets the module defaults fill what the mailer and the message leave out', async () => {
      await app({ adapter: 'inline' }, { transport: 'test', defaults: { from: 'Module <module@acme.test>', cc: 'archive@acme.test' } });
      const message = await AccountMailer.compose().digest(1, ['jobs']).message();
      expect(message).toMatchObject({ from: 'Acme <hello@acme.test>', cc: 'archive@acme.test', to: 'ada@example.com', subject: 'Your digest: jobs' });
    });

    it('refuses a message without recipients, naming the mailer method', async () => {
      await app({ adapter: 'inline' }, { transport: 'test' });
      await expect(AccountMailer.compose().nobody().deliverNow()).rejects.toThrow(
        new InvalidMailerOptionsError('AccountMailer.nobody() built a message without recipients (to, cc or bcc)'),
      );
    });
  });

  describe('deliverLater', () => {
    it('enqueues MailDeliveryJob on the mailers queue; a worker builds the message and sends it', async () => {
      const prefix = uniquePrefix();
      const web = await app({ connection: testRedisUrl(), prefix }, { transport: { smtp: sink.url } });
      const enqueued = await AccountMailer.compose().welcomeEmail(1).deliverLater({ priority: 3 });
      expect(enqueued.queueName).toBe('mailers');
      const queue = mailersQueue(web);
      const job = (await queue.getJob(enqueued.providerJobId))!;
      expect(job.name).toBe('MailDeliveryJob');
      expect(job.opts.priority).toBe(3);
      expect(job.data.args).toEqual(['AccountMailer', 'welcomeEmail', [1]]);
      expect(sink.received).toEqual([]);

      await app({ connection: testRedisUrl(), prefix, worker: { enabled: true } }, { transport: { smtp: sink.url } });
      const { message } = await sink.waitForMailTo('ada@example.com');
      expect(message.subject).toBe('Welcome, Ada!');
    });

    it('takes wait and queue, and a queue per mailer or per module', async () => {
      await app({ adapter: 'test' }, { transport: 'test', deliverLaterQueue: 'mail' });
      const later = await AccountMailer.compose().welcomeEmail(1).deliverLater({ wait: '10m' });
      expect(later.queueName).toBe('mail');
      expect(later.scheduledAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
      expect((await AccountMailer.compose().welcomeEmail(1).deliverLater({ queue: 'urgent' })).queueName).toBe('urgent');
    });

    it('is consumed by the default worker on the queue deliverLaterQueue names, though MailDeliveryJob declares mailers', async () => {
      const prefix = uniquePrefix();
      const mailer = { transport: { smtp: sink.url }, deliverLaterQueue: 'mail' };
      await app({ connection: testRedisUrl(), prefix, worker: { enabled: true } }, mailer);
      const enqueued = await AccountMailer.compose().welcomeEmail(1).deliverLater();
      expect(enqueued.queueName).toBe('mail');
      await sink.waitForMailTo('ada@example.com');
    });

    it('retries a transient SMTP refusal (451) and discards a permanent one (550)', async () => {
      const prefix = uniquePrefix();
      const worker = await app({ connection: testRedisUrl(), prefix, worker: { enabled: true } }, { transport: { smtp: sink.url } });
      const queue = mailersQueue(worker);
      sink.refuse('ada@example.com', 451);
      await AccountMailer.compose().welcomeEmail(1).deliverLater();
      const retry = await promoteNextRetry(queue);
      expect(retry.delay).toBeGreaterThanOrEqual(3_000); // polynomially longer: 1**4 + 2 s, plus jitter
      await sink.waitForMailTo('ada@example.com');
      expect(sink.attempts.get('ada@example.com')).toBe(2);

      sink.refuse('grace@example.com', 550);
      const refused = await AccountMailer.compose().welcomeEmail(2).deliverLater();
      await waitUntil(async () => (await (await queue.getJob(refused.providerJobId))!.getState()) === 'completed', 10_000, 'the discarded delivery to finish');
      expect(sink.mailsTo('grace@example.com')).toEqual([]);
      expect(sink.attempts.get('grace@example.com')).toBe(1);
      expect(await queue.getDelayedCount()).toBe(0);
    });

    it("runs as many deliveries at once as the mailers queue's @Processor allows, whichever class it is on", async () => {
      @Processor('mailers', { concurrency: 2 })
      class MailersProcessor {}
      const prefix = uniquePrefix();
      const worker = await app({ connection: testRedisUrl(), prefix, worker: { enabled: true } }, { transport: { smtp: sink.url } }, [MailersProcessor]);
      // Both sends stop at the mail server: with the default concurrency of 1 the second would wait for the first.
      const held = [sink.hold('ada@example.com'), sink.hold('grace@example.com')];
      await AccountMailer.compose().welcomeEmail(1).deliverLater();
      await AccountMailer.compose().welcomeEmail(2).deliverLater();
      await sink.waitForAttempts('ada@example.com', 1);
      await sink.waitForAttempts('grace@example.com', 1);
      expect(await mailersQueue(worker).getActiveCount()).toBe(2);
      held.forEach(({ release }) => release());
      await sink.waitForMailTo('ada@example.com');
      await sink.waitForMailTo('grace@example.com');
    });

    it('refuses a second @Processor for its queue, e.g. on a MailDeliveryJob subclass, naming both classes', async () => {
      @Processor('mailers', { concurrency: 10 })
      class BusyMailDeliveryJob extends MailDeliveryJob {}
      @Processor('mailers', { concurrency: 2 })
      class MailersProcessor {}
      const failure = await createMailApp({ adapter: 'async' }, { transport: 'test', deliveryJob: BusyMailDeliveryJob }, [MailersProcessor]).catch(
        (error: Error) => error,
      );
      // Which of the two Nest finds first is its business; the message names both.
      expect((failure as Error).message).toMatch(
        /^@Processor\(\) on (BusyMailDeliveryJob|MailersProcessor): queue "mailers" already has a @Processor, on (BusyMailDeliveryJob|MailersProcessor)\. One @Processor sets the concurrency and limiter of every job class on its queue/,
      );
      expect((failure as Error).message).toContain('BusyMailDeliveryJob');
      expect((failure as Error).message).toContain('MailersProcessor');
    });

    it('is written to the outbox inside a transaction, as performLater is: relayed once committed, dropped on rollback', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'active-job-mail-outbox-'));
      const db = new Database(join(dir, 'app.sqlite'));
      const store = new SqliteOutboxStore(db);
      // Closed here, before its database: not by afterEach.
      const web = await createMailApp(
        { connection: testRedisUrl(), prefix: uniquePrefix(), transactions: { outbox: store, relay: { enabled: false } } },
        { transport: 'test' },
      );
      try {
        const queue = mailersQueue(web);
        const enqueued = await store.transaction(() => AccountMailer.compose().welcomeEmail(1).deliverLater());
        expect(await store.count()).toBe(1);
        expect(await queue.getJobCounts()).toMatchObject({ waiting: 0, delayed: 0 });

        await expect(
          store.transaction(async () => {
            await AccountMailer.compose().welcomeEmail(2).deliverLater();
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect(await store.count()).toBe(1);

        expect(await web.get(OutboxRelayService).relay!.relayOnce()).toBe(1);
        const [job] = await queue.getWaiting();
        expect([job.id, job.name, job.data.args]).toEqual([enqueued.jobId, 'MailDeliveryJob', ['AccountMailer', 'welcomeEmail', [1]]]);
      } finally {
        await web.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses arguments it cannot carry and methods the mailer lacks, at the call', async () => {
      await app({ adapter: 'test' }, { transport: 'test' });
      await expect(
        AccountMailer.compose()
          .digest(1, [() => 'x'] as unknown as string[])
          .deliverLater(),
      ).rejects.toThrow(/function/i);
      const compose = AccountMailer.compose() as unknown as Record<string, unknown>;
      expect(compose.mail).toBeUndefined();
      expect(compose.missing).toBeUndefined();
    });
  });

  describe('development outbox and previews', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'active-job-outbox-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps each message as an .eml file and lists it on the outbox pages', async () => {
      const web = await app({ adapter: 'inline' }, { transport: { outbox: dir }, previews: true });
      await AccountMailer.compose().welcomeEmail(2).deliverNow();
      expect(readdirSync(dir).filter((name) => name.endsWith('.eml'))).toHaveLength(1);

      const list = await request(web.getHttpServer()).get('/mailer-previews/outbox').expect(200);
      expect(list.headers['content-security-policy']).toContain("default-src 'none'");
      const [, id] = /href="\/mailer-previews\/outbox\/([^"]+)"/.exec(list.text)!;
      const page = await request(web.getHttpServer()).get(`/mailer-previews/outbox/${id}`).expect(200);
      expect(page.text).toContain('Welcome, &lt;Grace&gt;!');
      expect(page.text).not.toContain('<Grace>');
      expect(page.text).toContain('<iframe sandbox=""');
      expect(page.text).toContain('terms.txt');
      await request(web.getHttpServer()).get('/mailer-previews/outbox/../../etc').expect(404);
      await request(web.getHttpServer()).get('/mailer-previews/outbox/1234567890123-deadbeef').expect(404);
    });

    it('renders each preview method with its sample arguments, at a path of your choice', async () => {
      const web = await app({ adapter: 'inline' }, { transport: 'test', previews: { path: '/dev/mail' } });
      const index = await request(web.getHttpServer()).get('/dev/mail').expect(200);
      expect(index.text).toContain('href="/dev/mail/AccountMailerPreview/welcomeEmail"');
      expect(index.text).toContain('href="/dev/mail/AccountMailerPreview/digest"');
      const page = await request(web.getHttpServer()).get('/dev/mail/AccountMailerPreview/digest').expect(200);
      expect(page.text).toContain('Your digest: jobs, mail');
      expect(page.text).toContain('Acme &lt;hello@acme.test&gt;');
      await request(web.getHttpServer()).get('/dev/mail/AccountMailerPreview/nothing').expect(404);
    });

    it('mounts no preview route unless asked', async () => {
      const web = await app({ adapter: 'inline' }, { transport: 'test' });
      await request(web.getHttpServer()).get('/mailer-previews').expect(404);
    });
  });

  describe('options', () => {
    const previous = process.env.NODE_ENV;
    afterEach(() => (process.env.NODE_ENV = previous));

    it('names what is wrong', () => {
      expect(() => MailerModule.forRoot({} as never)).toThrow("MailerModule needs a transport: { smtp: url }, { outbox: dir }, 'test' or your own");
      expect(() => MailerModule.forRoot({ transport: 'test', from: 'x' } as never)).toThrow('Unknown MailerModule option "from"');
      expect(() => MailerModule.forRoot({ transport: 'test', deliverLaterQueue: 'a:b' })).toThrow(/deliverLaterQueue must be a non-empty queue name/);
      expect(() => MailerModule.forRoot({ transport: 'test', previews: { path: '../x' } })).toThrow(/previews.path must be a URL path/);
      expect(() => MailerModule.forRoot({ transport: 'test', deliveryJob: Date as never })).toThrow(/deliveryJob must be MailDeliveryJob or a subclass/);
      process.env.NODE_ENV = 'production';
      expect(() => MailerModule.forRoot({ transport: 'test', previews: true })).toThrow(/previews are for development/);
    });

    it('refuses a transport it cannot use when the app starts', async () => {
      await expect(createMailApp({ adapter: 'inline' }, { transport: { smtp: 'http://example.com' } })).rejects.toThrow(
        /transport.smtp must be an smtp:\/\/ or smtps:\/\/ URL/,
      );
      await expect(createMailApp({ adapter: 'inline' }, { transport: { kind: 'x' } as never })).rejects.toThrow(/MailerModule transport must be/);
    });

    it('says when a delivery names a mailer the application does not have', async () => {
      const web = await app({ adapter: 'inline' }, { transport: 'test' });
      const { MailerService } = await import('../../src/active-job/mailer/mailer.service');
      await expect(web.get(MailerService).deliverByName('GoneMailer', 'x', [])).rejects.toThrow(
        new UnknownMailerError('No mailer named GoneMailer in this application (known: AccountMailer)'),
      );
    });
  });
});
