import { SetMetadata } from '@nestjs/common';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { ENQUEUE_AFTER_COMMIT_METADATA } from '../transactions/transaction.constants';
import { ENQUEUE_AFTER_COMMIT_NOT_BOOLEAN } from '../transactions/transactions.messages';

/**
 * Whether this job class, enqueued inside a database transaction, waits for the commit (and goes
 * through the outbox when there is one) or is enqueued at once. Overrides the module's
 * `transactions.enqueueAfterCommit`, as Rails' per-job `enqueue_after_transaction_commit`.
 *
 * @example
 * @EnqueueAfterCommit(false) // an audit ping that must leave even if the transaction rolls back
 * @Job()
 * export class AuditPingJob extends ApplicationJob { ... }
 * @publicApi
 */
export const EnqueueAfterCommit = (enabled = true): ClassDecorator => {
  if (typeof enabled !== 'boolean') throw new InvalidJobOptionsError(ENQUEUE_AFTER_COMMIT_NOT_BOOLEAN(enabled));
  return SetMetadata(ENQUEUE_AFTER_COMMIT_METADATA, enabled);
};
