import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { activeJobMatchers, JobTestHelper, withTestAdapter } from '../../src/active-job/testing';
import '../../src/active-job/testing/jest';
import { AppModule } from '../../src/demo/app.module';
import { demoConfig } from '../../src/demo/config';
import { WelcomeEmailJob } from '../../src/demo/jobs/welcome-email.job';
import { Outbox } from '../../src/demo/mail/outbox';
import { acceptJsonBodiesOnly } from '../../src/demo/web/json-body';
import { freePort } from '../support/free-port';
import { scratchDir } from './support/web-app';

expect.extend(activeJobMatchers);

// The demo configured as in production (Bull on REDIS_URL), switched to the test adapter:
// nothing listens on that port, and nothing needs to.
describe('POST /users (the demo app on the test adapter)', () => {
  let app: INestApplication;
  let jobs: JobTestHelper;
  let scratch: ReturnType<typeof scratchDir>;

  beforeEach(async () => {
    scratch = scratchDir();
    const config = demoConfig({
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
    scratch.remove();
  });

  it('answers at once and sends the welcome email in the background', async () => {
    const { body: user } = await request(app.getHttpServer())
      .post('/users')
      .send({ email: 'ada@example.com', name: 'Ada' })
      .expect(201);

    expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(user.id);
    expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('mailers');
    expect(await app.get(Outbox).list()).toEqual([]);

    await jobs.performEnqueuedJobs();

    const [mail] = await app.get(Outbox).list();
    expect(mail).toMatchObject({ to: expect.stringContaining('ada@example.com'), subject: 'Welcome, Ada!' });
  });

  it('enqueues nothing when the signup is refused', async () => {
    await jobs.assertNoEnqueuedJobs(() =>
      request(app.getHttpServer()).post('/users').send({ email: 'not-an-email', name: 'Ada' }).expect(400),
    );
  });
});
