import type { OutboxStore } from 'nestjs-active-job';

/** What the accounts feature needs of its SQL database; each template supplies one (SQLite or PostgreSQL). */
export interface AccountsDatabase {
  readonly outbox: OutboxStore;
  /** One transaction: jobs enqueued inside are written to the outbox in it. */
  transaction<T>(work: (insertAccount: (id: number) => Promise<void>) => Promise<T>): Promise<T>;
  countAccounts(id: number): Promise<number>;
}

export const ACCOUNTS_DATABASE = Symbol('ACCOUNTS_DATABASE');
