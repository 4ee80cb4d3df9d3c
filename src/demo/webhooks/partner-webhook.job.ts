import { Logger } from '@nestjs/common';
import { ApplicationJob, DiscardOn, Job, JobTimeoutError, Processor, RetryOn } from '../../active-job';
import { retryWhenAllowed, ServiceRateLimitedError, ServiceRejectedError, ServiceUnavailableError } from '../http';
import { UserNotFoundError } from '../users/errors/user-not-found.error';
import { UsersRepository } from '../users/users.repository';
import { PartnerWebhookClient } from './partner-webhook.client';
import { userSignedUpEvent } from './user-signed-up.event';

/**
 * Tells the partner that a user signed up: a `user.signed_up` event, signed (HMAC-SHA256 with a
 * timestamp), posted to WEBHOOK_URL.
 *
 * - At least once, deduplicated by the receiver: the event id, sent as Idempotency-Key, is this
 *   job's id, the same on every retry and re-run, so a receiver that stored the event drops repeats.
 * - 429 with Retry-After: runs again after that time, without spending a retry attempt.
 * - 5xx, no answer within WEBHOOK_TIMEOUT, or no connection: retried 10 runs in all, waiting
 *   exponentially longer with up to 50% random extra (2-3 s, 4-6 s, 8-12 s, ...), so a partner
 *   that comes back is not hit by every delayed delivery at the same moment.
 * - Any other 4xx (e.g. the partner refuses our signature), or a user who no longer exists: discarded, logged.
 *
 * @example
 * await this.jobs.performLater(PartnerWebhookJob, user.id);
 */
@Job({ queue: 'webhooks', priority: 2, timeout: '60s' })
@Processor('webhooks', { concurrency: 8 })
@RetryOn([ServiceUnavailableError, JobTimeoutError], { wait: 'exponentiallyLonger', jitter: 0.5, attempts: 10, priority: 5 })
@DiscardOn([UserNotFoundError, ServiceRejectedError])
export class PartnerWebhookJob extends ApplicationJob {
  private readonly logger = new Logger(PartnerWebhookJob.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly partner: PartnerWebhookClient,
  ) {
    super();
  }

  async perform(userId: number): Promise<void> {
    const user = this.users.find(userId);
    if (!user) throw new UserNotFoundError(userId);
    try {
      await this.partner.deliver(userSignedUpEvent(this.jobId, user), this.signal);
      this.logger.log(`Delivered user.signed_up ${this.jobId} for user ${user.id}`);
    } catch (error) {
      if (error instanceof ServiceRateLimitedError) return retryWhenAllowed(this, error);
      throw error;
    }
  }
}
