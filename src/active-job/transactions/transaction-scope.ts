import { AsyncLocalStorage } from 'node:async_hooks';

/** One open database transaction, as jobs see it. */
export interface TransactionFrame {
  /** The transaction's handle (a pg client, a better-sqlite3 database, a Knex trx...): the outbox writes through it. */
  tx: unknown;
  /** Run once the outermost transaction has committed; dropped on rollback. */
  readonly afterCommit: (() => void)[];
}

const frames = new AsyncLocalStorage<TransactionFrame>();

/** The transaction the caller is in, if any. */
export function currentTransaction(): TransactionFrame | undefined {
  return frames.getStore();
}

/**
 * Runs `work`, which begins and commits (or rolls back) one database transaction whose handle is
 * `tx`, so that jobs enqueued inside wait for it: held until it commits, or written to the outbox
 * through `tx`. Resolving means committed; throwing means rolled back. A transaction opened inside
 * another hands its callbacks to the outer one, which alone commits for good.
 *
 * @example
 * const client = await pool.connect();
 * await withJobTransaction(client, async () => {
 *   await client.query('BEGIN');
 *   await client.query('INSERT INTO users ...');
 *   await WelcomeEmailJob.performLater(userId); // held until COMMIT
 *   await client.query('COMMIT');
 * });
 * @publicApi
 */
export async function withJobTransaction<T>(tx: unknown, work: (frame: TransactionFrame) => Promise<T>): Promise<T> {
  const parent = frames.getStore();
  const frame: TransactionFrame = { tx, afterCommit: [] };
  const result = await frames.run(frame, () => work(frame));
  if (parent) parent.afterCommit.push(...frame.afterCommit);
  else for (const callback of frame.afterCommit) callback();
  return result;
}

/** Runs `work` outside any transaction, e.g. a relay started from inside one. */
export function outsideJobTransaction<T>(work: () => T): T {
  return frames.exit(work);
}
