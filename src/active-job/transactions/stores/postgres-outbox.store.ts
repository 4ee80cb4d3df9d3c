import type { OutboxEntry, OutboxStore } from '../outbox-store.interface';
import { InvalidJobOptionsError } from '../../errors/invalid-job-options.error';
import { withJobTransaction } from '../transaction-scope';
import { checkTableName } from './table-name';
import { PG_NO_QUERY } from '../transactions.messages';

/** What the store needs of a pg `Client` / `PoolClient` (or anything with pg's `query`). */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** What the store needs of a pg `Pool`. */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
}

// Two processes creating the table at once: one wins, the other's CREATE fails on the catalog's unique index.
const ALREADY_CREATED = new Set(['23505', '42P07']);

/**
 * The outbox in PostgreSQL, through node-postgres. Relays claim with `FOR UPDATE SKIP LOCKED`, so
 * any number of them take disjoint batches without waiting on each other.
 *
 * @example
 * const outbox = new PostgresOutboxStore(pool);
 * ActiveJobModule.forRoot({ connection: process.env.REDIS_URL, transactions: { outbox } });
 *
 * await outbox.transaction(async (client) => {
 *   const { rows } = await client.query('INSERT INTO users (email) VALUES ($1) RETURNING id', [email]);
 *   await WelcomeEmailJob.performLater(rows[0].id); // written to the outbox in this transaction
 * });
 * @publicApi
 */
export class PostgresOutboxStore implements OutboxStore {
  readonly description: string;
  private readonly table: string;

  constructor(
    private readonly pool: PgPool,
    options: { table?: string } = {},
  ) {
    this.table = checkTableName(options.table ?? 'active_job_outbox', 'PostgresOutboxStore');
    this.description = `PostgreSQL outbox (${this.table})`;
  }

  async setup(): Promise<void> {
    try {
      await this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        job TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        claimed_until BIGINT
      )`);
    } catch (error) {
      if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) throw error;
    }
  }

  /** Runs `work` in one transaction on a client of the pool; jobs enqueued inside are written to the outbox in it. */
  async transaction<T>(work: (client: PgQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await withJobTransaction(client, async () => {
        await client.query('BEGIN');
        try {
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
          throw error;
        }
      });
    } finally {
      client.release(broken ?? false);
    }
  }

  async write(tx: unknown, entries: readonly OutboxEntry[]): Promise<void> {
    if (typeof (tx as PgQueryable)?.query !== 'function') {
      throw new InvalidJobOptionsError(PG_NO_QUERY(this.description));
    }
    const values: unknown[] = [];
    const rows = entries.map((entry, index) => {
      values.push(entry.id, JSON.stringify(entry.job));
      return `($${index * 2 + 1}, $${index * 2 + 2})`;
    });
    await (tx as PgQueryable).query(`INSERT INTO ${this.table} (id, job) VALUES ${rows.join(', ')}`, values);
  }

  async claim(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const now = Date.now();
    const { rows } = await this.pool.query(
      `UPDATE ${this.table} SET claimed_until = $1
       WHERE seq IN (
         SELECT seq FROM ${this.table} WHERE claimed_until IS NULL OR claimed_until < $2
         ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       RETURNING seq, id, job`,
      [now + leaseMs, now, limit],
    );
    return (rows as { seq: string; id: string; job: string }[])
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((row) => ({ id: row.id, job: JSON.parse(row.job) }));
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE id = ANY($1)`, [ids]);
  }

  async release(ids: readonly string[]): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET claimed_until = NULL WHERE id = ANY($1)`, [ids]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query(`SELECT COUNT(*)::int AS count FROM ${this.table}`);
    return rows[0].count as number;
  }
}
