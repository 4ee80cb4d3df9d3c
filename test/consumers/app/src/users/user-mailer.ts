import { Injectable } from '@nestjs/common';
import { type User, UsersService } from './users.service.js';

export class SmtpConnectionError extends Error {
  override name = 'SmtpConnectionError';
}

/** Stands in for a mailer: its first attempt for a user named in FLAKY_USERS fails as an unreachable SMTP server would. */
@Injectable()
export class UserMailer {
  private readonly failedOnce = new Set<number>();

  constructor(private readonly users: UsersService) {}

  async welcomeEmail(user: User, executions: number): Promise<void> {
    const flaky = (process.env.FLAKY_USERS ?? '').split(',').includes(String(user.id));
    if (flaky && executions === 1 && !this.failedOnce.has(user.id)) {
      this.failedOnce.add(user.id);
      throw new SmtpConnectionError('connect ECONNREFUSED 127.0.0.1:25');
    }
    this.users.record({ event: 'welcomed', userId: user.id, executions });
  }
}
