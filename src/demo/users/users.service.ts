import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../active-job';
import type { NewUser, User } from './user';
import { UsersRepository } from './users.repository';
import { enqueueSignupJobs } from './signup-jobs';

/** Signup: store the user, defer the welcome email, the CRM update and the partner webhook to jobs. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Creates the user and enqueues the signup jobs (`SIGNUP_JOBS`), without waiting for any of them.
   * Throws `EmailTakenError`, or the library's `EnqueueError` when a job cannot be stored,
   * in which case the user is not kept either.
   */
  async signUp(input: NewUser): Promise<User> {
    // Enqueue after commit: the row is committed first, so a worker never looks for a user that
    // is not there yet. If the job cannot be stored we take the row back out, so nobody is left
    // signed up without a welcome and the person can simply try again.
    const user = this.users.create(input);
    try {
      await enqueueSignupJobs(this.jobs, user.id);
    } catch (error) {
      this.users.delete(user.id);
      throw error;
    }
    return user;
  }
}
