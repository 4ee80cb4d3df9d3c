export { PermanentSmtpError } from './errors/permanent-smtp.error';
export { TransientSmtpError } from './errors/transient-smtp.error';
export { MAIL_DELIVERY, type MailDelivery } from './mail-delivery';
export { MailMessage } from './mail-message';
export { MailModule } from './mail.module';
export { Outbox, type OutboxMail } from './outbox';
export { UserMailer } from './user-mailer';
