import Database from 'better-sqlite3';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  welcomed_at: string | null;
}

/** Reads the demo's users table straight from its SQLite file, as a second process would. */
export function findUserRow(databasePath: string, email: string): UserRow | undefined {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], UserRow>('SELECT id, email, name, welcomed_at FROM users WHERE email = ?').get(email);
  } finally {
    db.close();
  }
}
