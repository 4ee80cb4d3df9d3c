import { Inject, Injectable } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import type { User } from '../users/user';
import { MAIL_DELIVERY, type MailDelivery } from './mail-delivery';
import { MailMessage } from './mail-message';
import { welcomeEmailContent } from './templates/welcome-email.template';

/**
 * The emails users get (ActionMailer's `UserMailer`); each method composes one message.
 *
 * @example
 * await this.mailer.welcomeEmail(user).deliverNow();
 */
@Injectable()
export class UserMailer {
  constructor(
    @Inject(MAIL_DELIVERY) private readonly delivery: MailDelivery,
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
  ) {}

  welcomeEmail(user: Pick<User, 'name' | 'email'>): MailMessage {
    return new MailMessage(this.delivery, {
      from: this.config.mailFrom,
      to: { name: user.name, address: user.email },
      ...welcomeEmailContent(user),
    });
  }
}
