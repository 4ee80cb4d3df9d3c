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
  welcome_claimed_run: number | null;
}

/**
 * Who claims a welcome email: the job (its id, stable across retries and re-runs) and which run of
 * it (`executions`, which only grows). The run is the fencing token: a newer run of the same job
 * takes the claim over, an older one can never take it back, mark the user or release the claim.
 */
export interface WelcomeClaim {
  job: string;
  run: number;
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
   * not welcomed and no other job holds a live claim. A newer run of the claiming job takes the claim
   * at once (the older run died or lost its lock); a duplicate job waits for the lease to end.
   */
  claimWelcome(id: number, { job, run }: WelcomeClaim, leaseMs: number, now = new Date()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE users SET welcome_claimed_until = ?, welcome_claimed_by = ?, welcome_claimed_run = ?
           WHERE id = ? AND welcomed_at IS NULL
             AND (welcome_claimed_until IS NULL OR welcome_claimed_until < ?
                  OR (welcome_claimed_by = ? AND COALESCE(welcome_claimed_run, 0) <= ?))`,
        )
        .run(new Date(now.getTime() + leaseMs).toISOString(), job, run, id, now.toISOString(), job, run).changes === 1
    );
  }

  /** Gives a claim up (the send failed), so a retry or a duplicate can claim at once; a claim taken over since is left alone. */
  releaseWelcome(id: number, { job, run }: WelcomeClaim): void {
    this.db
      .prepare(
        `UPDATE users SET welcome_claimed_until = NULL, welcome_claimed_by = NULL, welcome_claimed_run = NULL
         WHERE id = ? AND welcome_claimed_by = ? AND welcome_claimed_run = ? AND welcomed_at IS NULL`,
      )
      .run(id, job, run);
  }

  /** Records the welcome email for the run that holds the claim; false when another run took it over, or the user is welcomed or gone. */
  markWelcomed(id: number, { job, run }: WelcomeClaim, at = new Date()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE users SET welcomed_at = ?, welcome_claimed_until = NULL, welcome_claimed_by = NULL, welcome_claimed_run = NULL
           WHERE id = ? AND welcomed_at IS NULL AND welcome_claimed_by = ? AND welcome_claimed_run = ?`,
        )
        .run(at.toISOString(), id, job, run).changes === 1
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
