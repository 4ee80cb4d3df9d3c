import type { EnqueueAllJob } from '../adapters/queue-adapter.interface';

/** One job waiting in the outbox; `id` becomes its Bull job id, which makes relaying it twice harmless. */
export interface OutboxEntry {
  readonly id: string;
  /** The job as the adapter takes it, with the moment it may run (`runAt`, null for at once). */
  readonly job: EnqueueAllJob;
}

/**
 * Where durable enqueue keeps jobs: a table of the application's own database, written in the
 * business transaction and emptied by the relay. Implement it for another database or driver.
 * @publicApi
 */
export interface OutboxStore {
  /** For logs: `PostgreSQL outbox (active_job_outbox)`. */
  readonly description: string;
  /** Creates the outbox table when missing; called once at startup. */
  setup(): Promise<void>;
  /** Writes entries through `tx`, the handle of the caller's open transaction, so they commit or roll back with it. */
  write(tx: unknown, entries: readonly OutboxEntry[]): Promise<void> | void;
  /**
   * Claims up to `limit` entries that no live relay holds, for `leaseMs`, oldest first: two relays
   * never claim the same entry while its lease runs, and a crashed relay's entries come back after it.
   */
  claim(limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Deletes relayed entries. */
  remove(ids: readonly string[]): Promise<void>;
  /** Ends the lease of entries the queue refused, so the next round of any relay takes them at once. */
  release(ids: readonly string[]): Promise<void>;
  /** Entries waiting, claimed or not. */
  count(): Promise<number>;
  close?(): Promise<void> | void;
}
