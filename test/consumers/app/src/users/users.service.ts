import { Injectable } from '@nestjs/common';
import { appendFileSync } from 'node:fs';

export interface User {
  id: number;
  name: string;
}

export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';
}

/** The app's own service, injected into the job: users are made up from their id, and what happens is recorded. */
@Injectable()
export class UsersService {
  async find(id: number): Promise<User> {
    if (id < 0) throw new UserNotFoundError(`No user ${id}`);
    return { id, name: `user-${id}` };
  }

  /** One JSON line per event in RESULTS_FILE, so the test can read what the worker process did. */
  record(event: Record<string, unknown>): void {
    if (process.env.RESULTS_FILE) appendFileSync(process.env.RESULTS_FILE, `${JSON.stringify({ pid: process.pid, ...event })}\n`);
  }
}
