import { Module } from '@nestjs/common';
import { MailerModule } from 'nestjs-active-job/mailer';
import { UserMailer } from './user-mailer';

/** SMTP_URL (e.g. smtp://127.0.0.1:1025) sends the emails; unset, they are written as .eml files to var/outbox. */
@Module({
  imports: [MailerModule.forRoot({ transport: process.env.SMTP_URL ? { smtp: process.env.SMTP_URL } : { outbox: 'var/outbox' } })],
  providers: [UserMailer],
})
export class MailModule {}
