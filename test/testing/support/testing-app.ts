import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { JobTestHelper } from '../../../src/active-job/testing';
import { jobsAppModule } from '../../support/jobs-app';
import { NewsletterJob } from '../jobs/newsletter.job';
import { OnboardingJob } from '../jobs/onboarding.job';
import { Outbox } from '../jobs/outbox';
import { ReminderJob } from '../jobs/reminder.job';
import { RunawayJob } from '../jobs/runaway.job';
import { UnstableMailerJob } from '../jobs/unstable-mailer.job';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';

@Module({ providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}

export interface TestingApp {
  moduleRef: TestingModule;
  jobs: JobTestHelper;
  outbox: Outbox;
}

/** An initialized testing module on the test adapter with every fixture job, and its helper. */
export async function createTestingApp(): Promise<TestingApp> {
  const jobs = [WelcomeEmailJob, ReminderJob, OnboardingJob, RunawayJob, UnstableMailerJob, NewsletterJob];
  const moduleRef = await Test.createTestingModule({ imports: [jobsAppModule({ adapter: 'test', jobs, imports: [OutboxModule] })] }).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return { moduleRef, jobs: JobTestHelper.from(moduleRef), outbox: moduleRef.get(Outbox, { strict: false }) };
}
