import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { MAIL_DELIVERY, type MailDelivery } from './mail-delivery';
import { Outbox } from './outbox';
import { OutboxDelivery } from './outbox.delivery';
import { SmtpDelivery } from './smtp.delivery';
import { UserMailer } from './user-mailer';

/** `UserMailer`, delivering through SMTP when `SMTP_URL` is set, else into the outbox. */
@Module({
  providers: [
    { provide: Outbox, useFactory: (config: DemoConfig) => new Outbox(config.outboxDir), inject: [DEMO_CONFIG] },
    {
      provide: MAIL_DELIVERY,
      useFactory: (config: DemoConfig, outbox: Outbox): MailDelivery =>
        config.smtpUrl ? new SmtpDelivery(config.smtpUrl) : new OutboxDelivery(outbox),
      inject: [DEMO_CONFIG, Outbox],
    },
    UserMailer,
  ],
  exports: [UserMailer, Outbox, MAIL_DELIVERY],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_DELIVERY) private readonly delivery: MailDelivery) {}

  onApplicationShutdown(): void {
    this.delivery.close();
  }
}
