import { Logger } from '@nestjs/common';
import { ApplicationJob, DiscardOn, Job, JobTimeoutError, Processor, RetryOn } from '../../active-job';
import { retryWhenAllowed, ServiceRateLimitedError, ServiceRejectedError, ServiceUnavailableError } from '../http';
import { UserNotFoundError } from '../users/errors/user-not-found.error';
import { UsersRepository } from '../users/users.repository';
import { CrmClient } from './crm-client';

/**
 * Puts a user who just signed up into the CRM, as a contact keyed by email.
 *
 * - Idempotent: an upsert by email, so a retry, a duplicate job or a re-run after a crash leaves
 *   one contact, changed once.
 * - 429 with Retry-After: runs again after that time, without spending a retry attempt.
 * - 5xx, no answer within CRM_TIMEOUT, or no connection: retried 8 runs in all, waiting
 *   polynomially longer (3 s, 18 s, 83 s, ...), behind fresh signups (lower priority).
 * - Any other 4xx, or a user who no longer exists: discarded with a log line saying why.
 *
 * @example
 * await this.jobs.performLater(CrmSyncJob, user.id);
 */
@Job({ queue: 'crm', priority: 2, timeout: '60s' })
@Processor('crm', { concurrency: 4 })
@RetryOn([ServiceUnavailableError, JobTimeoutError], { wait: 'polynomiallyLonger', attempts: 8, priority: 5 })
@DiscardOn([UserNotFoundError, ServiceRejectedError])
export class CrmSyncJob extends ApplicationJob {
  private readonly logger = new Logger(CrmSyncJob.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly crm: CrmClient,
  ) {
    super();
  }

  async perform(userId: number): Promise<void> {
    const user = this.users.find(userId);
    if (!user) throw new UserNotFoundError(userId);
    try {
      const outcome = await this.crm.upsertContact(
        { email: user.email, name: user.name, externalId: String(user.id), signedUpAt: user.createdAt.toISOString() },
        this.signal,
      );
      this.logger.log(`CRM contact of user ${user.id} ${outcome} (Job ID: ${this.jobId})`);
    } catch (error) {
      if (error instanceof ServiceRateLimitedError) return retryWhenAllowed(this, error);
      throw error;
    }
  }
}
