import type { Duration } from '../interfaces/duration.type';
import type { OutboxStore } from './outbox-store.interface';

/** How jobs enqueued inside a database transaction behave (`ActiveJobModule.forRoot({ transactions })`). */
export interface TransactionOptions {
  /**
   * Hold a job enqueued inside a transaction until it commits, and drop it on rollback (Rails'
   * `enqueue_after_transaction_commit`). Default `true`; per class, `@EnqueueAfterCommit(false)`.
   * Held jobs live in memory: a process that dies after the commit loses them, unless `outbox` is set.
   */
  enqueueAfterCommit?: boolean;
  /** Durable enqueue: such jobs are written to this outbox in the transaction, and a relay moves them to the queue. */
  outbox?: OutboxStore;
  /** The relay that moves outbox entries to the queue. */
  relay?: OutboxRelayOptions;
}

export interface OutboxRelayOptions {
  /** Run a relay in this process. Default `true`; any number of processes may run one. */
  enabled?: boolean;
  /** How often an idle relay looks for entries (a commit in this process wakes it at once). Default 1 s. */
  interval?: Duration;
  /** Entries moved per round. Default 100. */
  batchSize?: number;
  /** How long a claimed entry stays a relay's before another may take it over. Default 30 s. */
  leaseTime?: Duration;
}
