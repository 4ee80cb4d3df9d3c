import { ApplicationJob, DiscardOn, Job, RetryOn } from 'nestjs-active-job';
import { PermanentSmtpError, TransientSmtpError } from 'nestjs-active-job/mailer';
import { UserMailer } from '../mail/user-mailer';
import { UserNotFoundError } from '../users/user-not-found.error';
import { UsersService } from '../users/users.service';

@Job({ queue: 'mailers' })
@RetryOn(TransientSmtpError, { wait: 'polynomiallyLonger', attempts: 5 })
@DiscardOn([UserNotFoundError, PermanentSmtpError])
export class WelcomeEmailJob extends ApplicationJob {
  constructor(private readonly users: UsersService) {
    super();
  }

  async perform(userId: number): Promise<void> {
    const user = await this.users.find(userId);
    await UserMailer.compose().welcomeEmail(user).deliverNow();
  }
}
