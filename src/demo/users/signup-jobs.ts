import { type EnqueuedJob, type JobCall, JobQueue } from '../../active-job';
import { CrmSyncJob } from '../crm/crm-sync.job';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';
import { PartnerWebhookJob } from '../webhooks/partner-webhook.job';

/** The jobs a signup queues for a user, with what the confirmation calls them. */
export const SIGNUP_JOBS: readonly { queued: string; call: (userId: number) => JobCall }[] = [
  { queued: 'your welcome email (queue mailers)', call: (userId) => WelcomeEmailJob.with(userId) },
  { queued: 'your contact in our CRM (queue crm)', call: (userId) => CrmSyncJob.with(userId) },
  { queued: 'a user.signed_up event for our partner (queue webhooks)', call: (userId) => PartnerWebhookJob.with(userId) },
];

/**
 * Enqueues every signup job for `userId`. Rejects when one cannot be stored (the library's
 * `EnqueueAllError`, an `EnqueueError`); any that were stored find no user once the signup is
 * rolled back, and discard.
 */
export function enqueueSignupJobs(jobs: JobQueue, userId: number): Promise<EnqueuedJob[]> {
  // All three in one call (Rails' perform_all_later): the adapter stores them in bulk, not one request each.
  return jobs.performAllLater(SIGNUP_JOBS.map(({ call }) => call(userId)));
}
