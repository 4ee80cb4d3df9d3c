import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OutboxStore, PostgresOutboxStore, SqliteOutboxStore } from '../../../src/active-job';
import { PostgresDatabase } from '../../support/postgres-database';

/** A users table and an outbox in a real database, with the store's own transaction helper. */
export interface TestDatabase {
  kind: 'SQLite' | 'PostgreSQL';
  /** A fresh store on its own connection (a second one is what a second process would have). */
  store(): OutboxStore & { transaction<T>(work: (tx: any) => Promise<T>): Promise<T> };
  insertUser(tx: unknown, email: string): Promise<number>;
  userCount(): Promise<number>;
  drop(): Promise<void>;
}

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'active-job-sqlite-'));
  const path = join(dir, 'app.sqlite');
  const connections: Database.Database[] = [];
  const open = () => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE)');
    connections.push(db);
    return db;
  };
  const main = open();
  return {
    kind: 'SQLite',
    store: () =>
      new SqliteOutboxStore(connections.length === 1 && !connections.some((db) => (db as any).__used) ? (((main as any).__used = true), main) : open()),
    insertUser: async (tx, email) =>
      Number(((tx as Database.Database).prepare('INSERT INTO users (email) VALUES (?) RETURNING id').get(email) as { id: number }).id),
    userCount: async () => (main.prepare('SELECT COUNT(*) AS count FROM users').get() as { count: number }).count,
    drop: async () => {
      connections.forEach((db) => db.open && db.close());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const database = await PostgresDatabase.create();
  await database.pool.query('CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE)');
  const { Pool } = await import('pg');
  const pools = [database.pool];
  return {
    kind: 'PostgreSQL',
    store: () => {
      const pool =
        pools.length === 1 && !(pools[0] as any).__used ? (((pools[0] as any).__used = true), pools[0]) : new Pool({ connectionString: database.url, max: 5 });
      if (!pools.includes(pool)) {
        pool.on('error', () => undefined); // see PostgresDatabase
        pools.push(pool);
      }
      return new PostgresOutboxStore(pool);
    },
    insertUser: async (tx, email) => (await (tx as { query: Function }).query('INSERT INTO users (email) VALUES ($1) RETURNING id', [email])).rows[0].id,
    userCount: async () => (await database.pool.query('SELECT COUNT(*)::int AS count FROM users')).rows[0].count,
    drop: async () => {
      await Promise.all(pools.slice(1).map((pool) => pool.end()));
      await database.drop();
    },
  };
}
