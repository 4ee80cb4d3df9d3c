import { Test } from '@nestjs/testing';
import { activeJobMatchers, JobTestHelper, withTestAdapter } from 'nestjs-active-job/testing';
import { AppController } from '../src/app.controller.js';
import { AppModule } from '../src/app.module.js';
import { WelcomeEmailJob } from '../src/jobs/welcome-email.job.js';

// Runs under Jest (app a) and Vitest (app b) alike: globals, and matcher types from the setup file.
expect.extend(activeJobMatchers);

describe('signing up', () => {
  it('enqueues the welcome email and performs it through DI', async () => {
    const moduleRef = await withTestAdapter(Test.createTestingModule({ imports: [AppModule] })).compile();
    const app = await moduleRef.init();
    const jobs = JobTestHelper.from(app);

    await app.get(AppController).signUp({ id: 7 });

    expect(WelcomeEmailJob).toHaveBeenEnqueuedWith(7);
    expect(WelcomeEmailJob).toHaveBeenEnqueuedOn('mailers');
    jobs.assertEnqueuedJobs(1);
    await jobs.performEnqueuedJobs();
    jobs.assertPerformedJobs(1);
    await app.close();
  });
});
