import type { Provider } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_CONFIG, type DemoConfig } from '../config';

/** Injection token of the better-sqlite3 connection. */
export const SQLITE = Symbol('SQLITE');

// AUTOINCREMENT: an id freed by a rolled-back signup is never handed to another user, so a
// stale job for it cannot welcome the wrong person.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    welcomed_at TEXT,
    welcome_claimed_until TEXT,
    welcome_claimed_by TEXT,
    welcome_claimed_run INTEGER
  );
`;

/** Columns added after the first release, for databases created before them. */
function migrate(db: Database.Database): void {
  const columns = db
    .prepare<[], { name: string }>('PRAGMA table_info(users)')
    .all()
    .map((column) => column.name);
  for (const [column, type] of [
    ['welcome_claimed_until', 'TEXT'],
    ['welcome_claimed_by', 'TEXT'],
    ['welcome_claimed_run', 'INTEGER'],
  ]) {
    if (!columns.includes(column)) db.exec(`ALTER TABLE users ADD COLUMN ${column} ${type}`);
  }
}

/** Opens (and creates) the SQLite file; the web and worker processes share it. */
export function openDatabase(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets the worker write welcomed_at while the web process reads; busy_timeout rides out the brief lock.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrate(db);
  return db;
}

export const sqliteProvider: Provider = {
  provide: SQLITE,
  useFactory: (config: DemoConfig) => openDatabase(config.databasePath),
  inject: [DEMO_CONFIG],
};
