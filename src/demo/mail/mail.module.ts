import { Module } from '@nestjs/common';
import { MailerModule } from '../../active-job/mailer';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { UserMailer } from './user-mailer';
import { UserMailerPreview } from './user-mailer.preview';

/**
 * `UserMailer`, sending through SMTP when `SMTP_URL` is set, else into the `.eml` outbox shown at
 * /mails; mailer previews at /mailer-previews outside production.
 */
@Module({
  imports: [
    MailerModule.forRootAsync({
      useFactory: (config: DemoConfig) => ({
        transport: config.smtpUrl ? { smtp: config.smtpUrl } : { outbox: config.outboxDir },
        defaults: { from: config.mailFrom },
      }),
      inject: [DEMO_CONFIG],
      previews: process.env.NODE_ENV !== 'production',
    }),
  ],
  providers: [UserMailer, UserMailerPreview],
  exports: [UserMailer],
})
export class MailModule {}
