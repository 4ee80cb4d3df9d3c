import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { SQLITE } from '../database';
import { EmailTakenError } from './errors/email-taken.error';
import type { NewUser, User } from './user';

interface UserRow {
  id: number;
  email: string;
  name: string;
  created_at: string;
  welcomed_at: string | null;
  welcome_claimed_until: string | null;
  welcome_claimed_by: string | null;
}

/** Users in SQLite. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(SQLITE) private readonly db: Database.Database) {}

  /** Inserts and commits the user; throws `EmailTakenError` when the email is signed up already. */
  create({ email, name }: NewUser): User {
    try {
      const row = this.db
        .prepare<[string, string, string], UserRow>('INSERT INTO users (email, name, created_at) VALUES (?, ?, ?) RETURNING *')
        .get(email, name, new Date().toISOString())!;
      return toUser(row);
    } catch (error) {
      // By code, not instanceof: better-sqlite3's native addon keeps the SqliteError class of the first
      // copy of the module loaded in the process, and Jest loads one copy per test file.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError(email);
      throw error;
    }
  }

  find(id: number): User | null {
    const row = this.db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    return row ? toUser(row) : null;
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
  }

  /**
   * Claims the sending of a user's welcome email for `leaseMs`, atomically: true while the user is
   * not welcomed and no other claimant holds a live claim. The claimant is the job's id, stable
   * across retries and re-runs, so a job that runs again after its worker died takes its own claim
   * back at once; a duplicate job (another id) waits for the lease to end.
   */
  claimWelcome(id: number, claimant: string, leaseMs: number, now = new Date()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE users SET welcome_claimed_until = ?, welcome_claimed_by = ?
           WHERE id = ? AND welcomed_at IS NULL
             AND (welcome_claimed_until IS NULL OR welcome_claimed_until < ? OR welcome_claimed_by = ?)`,
        )
        .run(new Date(now.getTime() + leaseMs).toISOString(), claimant, id, now.toISOString(), claimant).changes === 1
    );
  }

  /** Gives a claim up (the send failed), so a retry or a duplicate can claim at once. */
  releaseWelcome(id: number, claimant: string): void {
    this.db
      .prepare('UPDATE users SET welcome_claimed_until = NULL, welcome_claimed_by = NULL WHERE id = ? AND welcome_claimed_by = ? AND welcomed_at IS NULL')
      .run(id, claimant);
  }

  /** Records the welcome email; false when the user was welcomed already (or is gone). */
  markWelcomed(id: number, at = new Date()): boolean {
    return (
      this.db
        .prepare('UPDATE users SET welcomed_at = ?, welcome_claimed_until = NULL, welcome_claimed_by = NULL WHERE id = ? AND welcomed_at IS NULL')
        .run(at.toISOString(), id).changes === 1
    );
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    createdAt: new Date(row.created_at),
    welcomedAt: row.welcomed_at ? new Date(row.welcomed_at) : null,
  };
}
