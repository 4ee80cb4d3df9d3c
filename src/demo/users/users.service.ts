import { Inject, Injectable } from '@nestjs/common';
import { type EnqueuedJob, JobQueue, type SqliteOutboxStore } from '../../active-job';
import { OUTBOX } from '../database';
import { UserMailer } from '../mail/user-mailer';
import { UserNotFoundError } from './errors/user-not-found.error';
import type { NewUser, User } from './user';
import { UsersRepository } from './users.repository';
import { enqueueSignupJobs } from './signup-jobs';

// On the mailers queue, behind first welcome emails (priority 1) and ahead of retries (5): someone asked and is waiting.
const RESEND_PRIORITY = 2;

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

  /**
   * Sends a user's welcome email again, with `deliverLater`: the mailer's `MailDeliveryJob` builds and
   * sends it in a worker. Each call is one more email, so its at-least-once delivery is right here,
   * where the signup's `WelcomeEmailJob` must send once. There is nothing to commit with it, so it goes
   * straight to Redis: rejects with `EnqueueError` when Redis cannot take it. Throws `UserNotFoundError`.
   *
   * @example
   * await this.users.resendWelcomeEmail(user.id);
   */
  resendWelcomeEmail(userId: number): Promise<EnqueuedJob> {
    const user = this.users.find(userId);
    if (!user) throw new UserNotFoundError(userId);
    return UserMailer.compose().welcomeEmail({ name: user.name, email: user.email }).deliverLater({ priority: RESEND_PRIORITY });
  }
}
