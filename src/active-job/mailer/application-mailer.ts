import type { MailMessage } from './mail-message.interface';
import { MessageDelivery } from './message-delivery';

/** A mailer class: something that builds `ApplicationMailer` instances. */
export type MailerType<M extends ApplicationMailer = ApplicationMailer> = new (...args: any[]) => M;

/** The public methods of a mailer that build a message. */
export type MailerAction<M> = {
  [K in keyof M]: M[K] extends (...args: any[]) => MailMessage | Promise<MailMessage> ? K : never;
}[keyof M] &
  string;

/** Each message method of a mailer, taking the same arguments and returning a `MessageDelivery`. */
export type MailerDeliveries<M> = {
  [K in MailerAction<M>]: M[K] extends (...args: infer A) => any ? (...args: A) => MessageDelivery : never;
};

/**
 * Base class of mailers (ActionMailer's `ApplicationMailer`). Each public method builds one message
 * with `this.mail({...})`; `compose()` gives the same methods as deliveries, arguments type-checked.
 *
 * @example
 * @Mailer({ defaults: { from: 'Acme <hello@acme.test>' } })
 * export class UserMailer extends ApplicationMailer {
 *   welcomeEmail(user: { name: string; email: string }) {
 *     return this.mail({ to: user.email, subject: `Welcome, ${user.name}!`, text: `Hi ${user.name}` });
 *   }
 * }
 *
 * await UserMailer.compose().welcomeEmail({ name: 'Ada', email: 'ada@example.com' }).deliverLater();
 * // UserMailer.compose().welcomeEmail(42) does not compile
 * @publicApi
 */
export abstract class ApplicationMailer {
  /** The mailer's methods as deliveries: `UserMailer.compose().welcomeEmail(user.id).deliverLater()`. */
  static compose<M extends ApplicationMailer>(this: MailerType<M>): MailerDeliveries<M> {
    const type = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the proxy's get() has its own this
    return new Proxy({} as MailerDeliveries<M>, {
      get(_target, action) {
        if (typeof action !== 'string' || action === 'constructor' || action === 'mail' || typeof type.prototype[action as keyof M] !== 'function') {
          return undefined;
        }
        return (...args: unknown[]) => new MessageDelivery(type, action, args);
      },
    });
  }

  /** The message this method builds (ActionMailer's `mail`): the mailer's and module's defaults are applied on delivery. */
  protected mail(message: MailMessage): MailMessage {
    return message;
  }
}
