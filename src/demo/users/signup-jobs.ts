import { type EnqueuedJob, JobQueue } from '../../active-job';
import { CrmSyncJob } from '../crm/crm-sync.job';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';
import { PartnerWebhookJob } from '../webhooks/partner-webhook.job';

/** The jobs a signup queues, each taking the user's id, with what the confirmation calls them. */
export const SIGNUP_JOBS = [
  { job: WelcomeEmailJob, queued: 'your welcome email (queue mailers)' },
  { job: CrmSyncJob, queued: 'your contact in our CRM (queue crm)' },
  { job: PartnerWebhookJob, queued: 'a user.signed_up event for our partner (queue webhooks)' },
] as const;

/**
 * Enqueues every signup job for `userId`. Rejects when one cannot be stored (the library's
 * `EnqueueError`); any that were stored find no user once the signup is rolled back, and discard.
 */
export function enqueueSignupJobs(jobs: JobQueue, userId: number): Promise<EnqueuedJob[]> {
  // Three adds at once, not one after another: the signup waits for one round trip, not three.
  return Promise.all(SIGNUP_JOBS.map(({ job }) => jobs.performLater<WelcomeEmailJob | CrmSyncJob | PartnerWebhookJob>(job, userId)));
}
