import { Injectable } from '@nestjs/common';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { User } from './user';
import { UserNotFoundError } from './user-not-found.error';

/**
 * Users in a JSON file (USERS_FILE, default var/users.json) that the web and worker processes share.
 * It stands in for your database: one writer, no locking.
 */
@Injectable()
export class UsersService {
  private readonly file = process.env.USERS_FILE ?? 'var/users.json';

  async create(input: { email: string; name: string }): Promise<User> {
    const users = await this.all();
    const user = { id: users.length + 1, email: input.email, name: input.name };
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, JSON.stringify([...users, user]));
    return user;
  }

  async find(id: number): Promise<User> {
    const user = (await this.all()).find((candidate) => candidate.id === id);
    if (!user) throw new UserNotFoundError(id);
    return user;
  }

  private async all(): Promise<User[]> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as User[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
