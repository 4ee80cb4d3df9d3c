import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { OUTBOX, outboxProvider } from './outbox.provider';
import { SQLITE, sqliteProvider } from './sqlite.provider';

/** The SQLite connection as `@Inject(SQLITE)`, closed when the application shuts down, and the jobs outbox in it as `@Inject(OUTBOX)`. */
@Module({ providers: [sqliteProvider, outboxProvider], exports: [SQLITE, OUTBOX] })
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SQLITE) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}
