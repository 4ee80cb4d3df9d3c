import { ApplicationJob, DiscardOn, Job, RetryOn } from 'nestjs-active-job';
import { SmtpConnectionError } from '../mail/smtp-connection.error';
import { UserMailer } from '../mail/user-mailer';
import { UserNotFoundError } from '../users/user-not-found.error';
import { UsersService } from '../users/users.service';

@Job({ queue: 'mailers' })
@RetryOn(SmtpConnectionError, { wait: 'polynomiallyLonger', attempts: 5 })
@DiscardOn(UserNotFoundError)
export class WelcomeEmailJob extends ApplicationJob {
  constructor(
    private readonly users: UsersService,
    private readonly mailer: UserMailer,
  ) {
    super();
  }

  async perform(userId: number): Promise<void> {
    const user = await this.users.find(userId);
    await this.mailer.welcomeEmail(user).deliverNow();
  }
}
