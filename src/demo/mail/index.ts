export { MailModule } from './mail.module';
export { UserMailer } from './user-mailer';
