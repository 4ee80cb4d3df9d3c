// The mailer entry point (`nestjs-active-job/mailer`): ActionMailer for Nest, on nodemailer.
export { ApplicationMailer, type MailerAction, type MailerDeliveries, type MailerType } from './application-mailer';
export * from './errors';
export { MailDeliveryJob } from './mail-delivery.job';
export type { MailAddress, MailDefaults, MailMessage } from './mail-message.interface';
export { Mailer } from './mailer.decorator';
export { MAIL_TRANSPORT } from './mailer.constants';
export { MailerModule } from './mailer.module';
export type { MailerModuleAsyncOptions, MailerModuleOptions, MailerOptions, MailTransportOption } from './mailer-options.interface';
export { MailerPreview } from './mailer-preview.decorator';
export { type DeliverLaterOptions, MessageDelivery } from './message-delivery';
export { classifySmtpFailure } from './transports/classify-smtp-failure';
export { EmlOutbox, type OutboxMail } from './transports/eml-outbox';
export { EmlOutboxTransport } from './transports/eml-outbox.transport';
export type { MailTransport } from './transports/mail-transport.interface';
export { SmtpTransport } from './transports/smtp.transport';
export { TestMailTransport } from './transports/test.transport';
