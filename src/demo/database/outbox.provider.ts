import type { Provider } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SqliteOutboxStore } from '../../active-job';
import { SQLITE } from './sqlite.provider';

/** Injection token of the jobs outbox: a table beside the users, written in the signup's transaction. */
export const OUTBOX = Symbol('OUTBOX');

export const outboxProvider: Provider = {
  provide: OUTBOX,
  useFactory: (db: Database.Database) => new SqliteOutboxStore(db),
  inject: [SQLITE],
};
