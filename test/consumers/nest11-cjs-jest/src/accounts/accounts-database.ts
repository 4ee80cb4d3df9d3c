import Database from 'better-sqlite3';
import { SqliteOutboxStore } from 'nestjs-active-job';
import type { AccountsDatabase } from './accounts-database.interface.js';

/** This template's database: SQLite through better-sqlite3 at SQLITE_FILE (shared by web and worker); unset, none. */
export function openAccountsDatabase(): AccountsDatabase | undefined {
  const file = process.env.SQLITE_FILE;
  if (!file) return undefined;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS accounts (id INTEGER NOT NULL)');
  const outbox = new SqliteOutboxStore(db);
  return {
    outbox,
    transaction: (work) =>
      outbox.transaction((tx) =>
        work(async (id) => {
          tx.prepare('INSERT INTO accounts (id) VALUES (?)').run(id);
        }),
      ),
    countAccounts: async (id) => (db.prepare('SELECT count(*) AS rows FROM accounts WHERE id = ?').get(id) as { rows: number }).rows,
  };
}
