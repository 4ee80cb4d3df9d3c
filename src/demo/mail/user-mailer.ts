import { ApplicationMailer, Mailer } from '../../active-job/mailer';
import type { User } from '../users/user';
import { welcomeEmailContent } from './templates/welcome-email.template';

/**
 * The emails users get (ActionMailer's `UserMailer`); each method builds one message, `from` comes
 * from the mail module's defaults (MAIL_FROM).
 *
 * @example
 * await UserMailer.compose().welcomeEmail(user).deliverNow();   // in a job, as WelcomeEmailJob does
 * await UserMailer.compose().welcomeEmail(user).deliverLater(); // or let MailDeliveryJob send it
 */
@Mailer()
export class UserMailer extends ApplicationMailer {
  welcomeEmail(user: Pick<User, 'name' | 'email'>) {
    return this.mail({ to: { name: user.name, address: user.email }, ...welcomeEmailContent(user) });
  }
}
