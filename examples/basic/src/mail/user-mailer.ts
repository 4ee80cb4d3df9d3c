import { ApplicationMailer, Mailer } from 'nestjs-active-job/mailer';
import type { User } from '../users/user';

/** The emails users get; each method builds one message, sent with `UserMailer.compose().welcomeEmail(user).deliverNow()`. */
@Mailer({ defaults: { from: 'hello@example.com' } })
export class UserMailer extends ApplicationMailer {
  welcomeEmail(user: User) {
    return this.mail({ to: user.email, subject: `Welcome, ${user.name}!`, text: `Hello ${user.name}, thanks for signing up.` });
  }
}
