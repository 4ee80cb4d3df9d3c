import { Inject, Injectable } from '@nestjs/common';
import { JobQueue, type SqliteOutboxStore } from '../../active-job';
import { OUTBOX } from '../database';
import type { NewUser, User } from './user';
import { UsersRepository } from './users.repository';
import { enqueueSignupJobs } from './signup-jobs';

/** Signup: store the user and its jobs (welcome email, CRM update, partner webhook) together, in one transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jobs: JobQueue,
    @Inject(OUTBOX) private readonly outbox: SqliteOutboxStore,
  ) {}

  /**
   * Creates the user and enqueues the signup jobs (`SIGNUP_JOBS`) in the same SQLite transaction: the
   * jobs are rows of the outbox table, committed with the user or not at all, and the outbox relay
   * moves them to the queues after the commit. So the answer never waits for Redis, a signup made
   * while Redis is down gets its jobs run once Redis is back, and a crash after the commit loses
   * nothing. Throws `EmailTakenError`.
   */
  signUp(input: NewUser): Promise<User> {
    return this.outbox.transaction(async () => {
      const user = this.users.create(input);
      await enqueueSignupJobs(this.jobs, user.id);
      return user;
    });
  }
}
