import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { activeJobMatchers, JobTestHelper, withTestAdapter } from '../../src/active-job/testing';
import '../../src/active-job/testing/jest';
import { AppModule } from '../../src/demo/app.module';
import { demoConfig } from '../../src/demo/config';
import { CrmSyncJob } from '../../src/demo/crm';
import { WelcomeEmailJob } from '../../src/demo/jobs/welcome-email.job';
import { PartnerWebhookJob } from '../../src/demo/webhooks';
import { EmlOutbox, MailDeliveryJob } from '../../src/active-job/mailer';
import { acceptJsonBodiesOnly } from '../../src/demo/web/json-body';
import { freePort } from '../support/free-port';
import { type PartnerServices, startPartnerServices } from './support/partner-services';
import { scratchDir } from './support/web-app';

expect.extend(activeJobMatchers);

// The demo configured as in production (Bull on REDIS_URL), switched to the test adapter:
// nothing listens on that port, and nothing needs to.
describe('POST /users (the demo app on the test adapter)', () => {
  let app: INestApplication;
  let jobs: JobTestHelper;
  let scratch: ReturnType<typeof scratchDir>;
  let partners: PartnerServices;

  beforeEach(async () => {
    scratch = scratchDir();
    partners = await startPartnerServices();
    const config = demoConfig({
      ...partners.env,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      DATABASE_PATH: `${scratch.dir}/demo.sqlite`,
      OUTBOX_DIR: `${scratch.dir}/outbox`,
    });
    const moduleRef = await withTestAdapter(Test.createTestingModule({ imports: [AppModule.register(config)] })).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
    acceptJsonBodiesOnly(app as NestExpressApplication);
    await app.init();
    jobs = JobTestHelper.from(app);
  });

  afterEach(async () => {
    await app.close();
    await partners.stop();
    scratch.remove();
  });

  it('answers at once; the welcome email, the CRM contact and the partner event come from three jobs', async () => {
    const { body: user } = await request(app.getHttpServer()).post('/users').send({ email: 'ada@example.com', name: 'Ada' }).expect(201);

    expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(user.id);
    expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('mailers');
    expect(CrmSyncJob).toHaveBeenEnqueuedWith(user.id);
    expect(CrmSyncJob).toHaveBeenEnqueuedOn('crm');
    expect(PartnerWebhookJob).toHaveBeenEnqueuedWith(user.id);
    expect(PartnerWebhookJob).toHaveBeenEnqueuedOn('webhooks');
    expect(await app.get(EmlOutbox).list()).toEqual([]);
    expect(partners.crm.requests).toEqual([]);
    expect(partners.partner.requests).toEqual([]);

    await jobs.performEnqueuedJobs();

    const [mail] = await app.get(EmlOutbox).list();
    expect(mail).toMatchObject({ to: expect.stringContaining('ada@example.com'), subject: 'Welcome, Ada!' });
    expect(partners.crm.contacts.get('ada@example.com')).toMatchObject({ contact: { name: 'Ada', externalId: String(user.id) }, changes: 1 });
    expect(partners.partner.eventsFor('ada@example.com')).toEqual([{ event: expect.objectContaining({ type: 'user.signed_up' }), deliveries: 1 }]);
  });

  it('sends the welcome email again with deliverLater: a MailDeliveryJob on the mailers queue, behind first welcome emails', async () => {
    const { body: user } = await request(app.getHttpServer()).post('/users').send({ email: 'ada@example.com', name: 'Ada' }).expect(201);
    await jobs.performEnqueuedJobs();

    await request(app.getHttpServer()).post(`/users/${user.id}/welcome-email`).send({}).expect(202);
    expect(MailDeliveryJob).toHaveBeenEnqueuedWith('UserMailer', 'welcomeEmail', [{ name: 'Ada', email: 'ada@example.com' }]);
    expect(MailDeliveryJob).toHaveBeenEnqueuedOn('mailers');
    expect(jobs.enqueuedJobsOf(MailDeliveryJob).map(({ priority }) => priority)).toEqual([2]);
    await jobs.performEnqueuedJobs();
    expect((await app.get(EmlOutbox).list()).map((mail) => mail.subject)).toEqual(['Welcome, Ada!', 'Welcome, Ada!']);
  });

  it('enqueues nothing for a resend to a user that does not exist', async () => {
    await jobs.assertNoEnqueuedJobs(() => request(app.getHttpServer()).post('/users/41/welcome-email').send({}).expect(404));
  });

  it('enqueues nothing when the signup is refused', async () => {
    await jobs.assertNoEnqueuedJobs(() => request(app.getHttpServer()).post('/users').send({ email: 'not-an-email', name: 'Ada' }).expect(400));
  });
});
