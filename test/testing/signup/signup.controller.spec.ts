import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { activeJobMatchers, JobTestHelper, withTestAdapter } from '../../../src/active-job/testing';
import '../../../src/active-job/testing/jest';
import { Outbox } from '../jobs/outbox';
import { ReminderJob } from '../jobs/reminder.job';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';
import { ConnectionCounter } from '../support/connection-counter';
import { SignupAppModule } from './signup-app.module';

expect.extend(activeJobMatchers);

const THREE_DAYS = 3 * 24 * 3600 * 1000;

describe('POST /signup', () => {
  let app: INestApplication;
  let jobs: JobTestHelper;
  let outbox: Outbox;
  // Where the app's REDIS_URL points: it must never be dialled while the test adapter is in place.
  let redis: ConnectionCounter;

  beforeAll(async () => {
    redis = await ConnectionCounter.start();
    process.env.REDIS_URL = redis.url;
  });
  afterAll(async () => {
    delete process.env.REDIS_URL;
    expect(redis.connections).toBe(0);
    await redis.close();
  });

  beforeEach(async () => {
    const moduleRef = await withTestAdapter(Test.createTestingModule({ imports: [SignupAppModule] })).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    jobs = JobTestHelper.from(app);
    outbox = app.get(Outbox);
  });
  afterEach(() => app.close());

  it('answers at once and sends the emails in the background', async () => {
    const { body: user } = await request(app.getHttpServer()).post('/signup').send({ email: 'ada@example.com' }).expect(201);

    expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(user.id);
    expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('mailers');
    jobs.assertEnqueuedWith(ReminderJob, { args: [user.id, expect.objectContaining({ topics: new Set(['getting-started']) })], wait: '3d' });
    expect(outbox.sent).toEqual([]);

    await jobs.performEnqueuedJobs({ at: Date.now() }); // what is due now: the welcome email
    expect(outbox.sent).toEqual([{ to: user.id, kind: 'welcome' }]);

    await jobs.performEnqueuedJobs({ at: Date.now() + THREE_DAYS }); // three days on, without waiting
    expect(outbox.sent).toEqual([
      { to: user.id, kind: 'welcome' },
      { to: user.id, kind: 'reminder:getting-started' },
    ]);
  });

  it('performs the jobs the request enqueues when the test asks for it', async () => {
    await jobs.performEnqueuedJobs({ only: WelcomeEmailJob }, () =>
      request(app.getHttpServer()).post('/signup').send({ email: 'grace@example.com' }).expect(201),
    );

    jobs.assertPerformedJobs(1);
    expect(outbox.sent).toEqual([{ to: 1, kind: 'welcome' }]);
    expect(ReminderJob).toHaveBeenEnqueuedTimes(1);
  });
});
