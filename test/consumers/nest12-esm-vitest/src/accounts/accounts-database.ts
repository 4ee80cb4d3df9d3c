import pg from 'pg';
import { PostgresOutboxStore } from 'nestjs-active-job';
import type { AccountsDatabase } from './accounts-database.interface.js';

/** This template's database: PostgreSQL through node-postgres at DATABASE_URL; unset, none. */
export function openAccountsDatabase(): AccountsDatabase | undefined {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) return undefined;
  const pool = new pg.Pool({ connectionString, max: 4 });
  const ready = pool.query('CREATE TABLE IF NOT EXISTS accounts (id integer NOT NULL)');
  const outbox = new PostgresOutboxStore(pool);
  return {
    outbox,
    transaction: async (work) => {
      await ready;
      return outbox.transaction((client) =>
        work(async (id) => {
          await client.query('INSERT INTO accounts (id) VALUES ($1)', [id]);
        }),
      );
    },
    countAccounts: async (id) => {
      await ready;
      const { rows } = await pool.query<{ rows: string }>('SELECT count(*) AS rows FROM accounts WHERE id = $1', [id]);
      return Number(rows[0].rows);
    },
  };
}
