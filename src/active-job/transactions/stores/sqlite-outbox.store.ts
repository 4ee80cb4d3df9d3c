import { InvalidJobOptionsError } from '../../errors/invalid-job-options.error';
import type { OutboxEntry, OutboxStore } from '../outbox-store.interface';
import { withJobTransaction } from '../transaction-scope';
import { SerialLock } from './serial-lock';
import { checkTableName } from './table-name';
import { SQLITE_NO_TRANSACTION, SQLITE_OTHER_HANDLE } from '../transactions.messages';

/** The statements of a better-sqlite3 database the store runs. */
export interface SqliteStatement {
  run(...params: never[]): unknown;
  get(...params: never[]): unknown;
  all(...params: never[]): unknown[];
}

/**
 * The part of a better-sqlite3 `Database` the store uses, written out so that the library's typings
 * import nothing from better-sqlite3: apps that use no SQLite need neither it nor its types.
 */
export interface SqliteDatabase {
  readonly name: string;
  readonly inTransaction: boolean;
  exec(source: string): unknown;
  prepare(source: string): SqliteStatement;
  transaction(work: () => void): () => void;
}

/** A statement with the parameters and row this store binds and reads. */
interface Statement<Params extends unknown[], Result = unknown> {
  run(...params: Params): unknown;
  get(...params: Params): Result | undefined;
  all(...params: Params): Result[];
}

interface Row {
  seq: number;
  id: string;
  job: string;
}

/**
 * The outbox in SQLite, through better-sqlite3. It has one connection, so its `transaction()` runs
 * transactions one at a time, and the relay's claims between them: no relay ever reads a row that
 * is not committed yet. Other processes (web and worker) may share the file, as WAL allows.
 *
 * @example
 * const outbox = new SqliteOutboxStore(db);
 * ActiveJobModule.forRoot({ connection: process.env.REDIS_URL, transactions: { outbox } });
 *
 * await outbox.transaction(async (db) => {
 *   const user = db.prepare('INSERT INTO users (email) VALUES (?) RETURNING id').get(email);
 *   await WelcomeEmailJob.performLater(user.id); // written to the outbox in this transaction
 * });
 * @publicApi
 */
export class SqliteOutboxStore<Db extends SqliteDatabase = SqliteDatabase> implements OutboxStore {
  readonly description: string;
  private readonly table: string;
  private readonly lock = new SerialLock();

  constructor(
    private readonly db: Db,
    options: { table?: string } = {},
  ) {
    this.table = checkTableName(options.table ?? 'active_job_outbox', 'SqliteOutboxStore');
    this.description = `SQLite outbox (${this.table} in ${db.name})`;
  }

  async setup(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      job TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      claimed_until INTEGER
    )`);
  }

  /**
   * Runs `work` in one transaction (`BEGIN IMMEDIATE`), after any other in progress on this
   * connection; jobs enqueued inside are written to the outbox in it. Keep `work` to this database:
   * awaiting other I/O holds SQLite's write lock for every process meanwhile.
   */
  transaction<T>(work: (db: Db) => Promise<T> | T): Promise<T> {
    return this.lock.run(() =>
      withJobTransaction(this.db, async () => {
        this.db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(this.db);
          this.db.exec('COMMIT');
          return result;
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  }

  write(tx: unknown, entries: readonly OutboxEntry[]): void {
    if (tx !== this.db) throw new InvalidJobOptionsError(SQLITE_OTHER_HANDLE(this.description));
    if (!this.db.inTransaction) throw new InvalidJobOptionsError(SQLITE_NO_TRANSACTION(this.description));
    const insert = this.db.prepare(`INSERT INTO ${this.table} (id, job, created_at) VALUES (?, ?, ?)`) as Statement<[string, string, number]>;
    const now = Date.now();
    for (const entry of entries) insert.run(entry.id, JSON.stringify(entry.job), now);
  }

  claim(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    return this.lock.run(() => {
      const now = Date.now();
      const claimRows = this.db.prepare(
        `UPDATE ${this.table} SET claimed_until = ?
         WHERE seq IN (SELECT seq FROM ${this.table} WHERE claimed_until IS NULL OR claimed_until < ? ORDER BY seq LIMIT ?)
         RETURNING seq, id, job`,
      ) as Statement<[number, number, number], Row>;
      const rows = claimRows.all(now + leaseMs, now, limit);
      return rows.sort((a, b) => a.seq - b.seq).map((row) => ({ id: row.id, job: JSON.parse(row.job) }));
    });
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.lock.run(() => {
      const remove = this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?`) as Statement<[string]>;
      this.db.transaction(() => ids.forEach((id) => remove.run(id)))();
    });
  }

  release(ids: readonly string[]): Promise<void> {
    return this.lock.run(() => {
      const release = this.db.prepare(`UPDATE ${this.table} SET claimed_until = NULL WHERE id = ?`) as Statement<[string]>;
      this.db.transaction(() => ids.forEach((id) => release.run(id)))();
    });
  }

  async count(): Promise<number> {
    return (this.db.prepare(`SELECT COUNT(*) AS count FROM ${this.table}`) as Statement<[], { count: number }>).get()!.count;
  }
}
