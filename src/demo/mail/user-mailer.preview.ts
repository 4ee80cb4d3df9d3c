import { MailerPreview } from '../../active-job/mailer';
import { UserMailer } from './user-mailer';

/** `GET /mailer-previews/UserMailerPreview/welcomeEmail` in development: the welcome email with a sample user. */
@MailerPreview()
export class UserMailerPreview {
  welcomeEmail() {
    return UserMailer.compose().welcomeEmail({ name: 'Ada Lovelace', email: 'ada@example.com' });
  }
}
