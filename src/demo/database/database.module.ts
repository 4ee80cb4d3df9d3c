import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE, sqliteProvider } from './sqlite.provider';

/** The SQLite connection as `@Inject(SQLITE)`, closed when the application shuts down. */
@Module({ providers: [sqliteProvider], exports: [SQLITE] })
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SQLITE) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}
