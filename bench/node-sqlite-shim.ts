import Module from 'node:module';

/**
 * The demo stores users with better-sqlite3, a native addon built for the Node version `npm ci` ran
 * on (20). Under another Node version (24) it cannot load, and building it again would mean a
 * download: there, the signup rows run on this stand-in over Node's built-in `node:sqlite`, the same
 * SQL on the same engine, covering what the demo calls (`prepare` with `get`/`all`/`run`, `exec`,
 * `pragma`, `inTransaction`, `transaction`, `close`). Compare deferred with sync within one Node version, not req/s across them.
 */
export function useNodeSqliteIfNeeded(): boolean {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return false;
  } catch {
    // Typed by hand: @types/node 20 does not know node:sqlite (Node 22.5+).
    type Statement = { get(...params: unknown[]): object | undefined; all(...params: unknown[]): object[]; run(...params: unknown[]): unknown };
    const { DatabaseSync } = require('node:sqlite') as {
      DatabaseSync: new (path: string) => { prepare(sql: string): Statement; exec(sql: string): void; close(): void; readonly isTransaction: boolean };
    };
    class Database {
      private readonly db: InstanceType<typeof DatabaseSync>;
      constructor(path: string) {
        this.db = new DatabaseSync(path);
      }
      prepare(sql: string) {
        const statement = this.db.prepare(sql);
        // node:sqlite gives rows without a prototype; better-sqlite3 gives plain objects.
        return {
          get: (...params: unknown[]) => {
            const row = statement.get(...params);
            return row ? { ...row } : undefined;
          },
          all: (...params: unknown[]) => statement.all(...params).map((row) => ({ ...row })),
          run: (...params: unknown[]) => statement.run(...params),
        };
      }
      exec(sql: string): void {
        this.db.exec(sql);
      }
      get inTransaction(): boolean {
        return this.db.isTransaction;
      }
      /** better-sqlite3's `db.transaction(fn)`: a function that runs `fn` between BEGIN and COMMIT, or ROLLBACK if it throws. */
      transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
        return (...args) => {
          this.db.exec('BEGIN');
          try {
            const result = fn(...args);
            this.db.exec('COMMIT');
            return result;
          } catch (error) {
            if (this.db.isTransaction) this.db.exec('ROLLBACK');
            throw error;
          }
        };
      }
      pragma(pragma: string): void {
        this.db.exec(`PRAGMA ${pragma}`);
      }
      close(): void {
        this.db.close();
      }
    }
    const path = require.resolve('better-sqlite3');
    const cached = new Module(path);
    cached.filename = path;
    cached.loaded = true;
    cached.exports = Database;
    require.cache[path] = cached;
    return true;
  }
}
