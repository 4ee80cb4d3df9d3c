import { ApplicationJob, Job } from '../../../src/active-job';
import { ReminderJob } from './reminder.job';
import { WelcomeEmailJob } from './welcome-email.job';

/** Enqueues other jobs from perform(): the welcome email now, a reminder in a day. */
@Job({ queue: 'onboarding' })
export class OnboardingJob extends ApplicationJob {
  async perform(userId: number): Promise<void> {
    await WelcomeEmailJob.performLater(userId);
    await ReminderJob.set({ wait: '1d' }).performLater(userId, { since: new Date(0), topics: new Set(['tips']) });
  }
}
