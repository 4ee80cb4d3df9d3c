import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { DeliverLaterOptions, DeliveryTarget } from './delivery-target.interface';
import type { MailMessage } from './mail-message.interface';
import { MailerRuntime } from './mailer-runtime';

export type { DeliverLaterOptions };

/**
 * One mailer method with its arguments, not built yet (ActionMailer's `MessageDelivery`): the
 * message is built when it is delivered, in this process (`deliverNow`) or in a worker (`deliverLater`).
 *
 * @example
 * await UserMailer.compose().welcomeEmail(user.id).deliverLater({ wait: '5m' });
 * await UserMailer.compose().welcomeEmail(user.id).deliverNow();
 * const message = await UserMailer.compose().welcomeEmail(user.id).message();
 * @publicApi
 */
export class MessageDelivery implements DeliveryTarget {
  constructor(
    readonly mailer: Function,
    readonly action: string,
    readonly args: readonly unknown[],
  ) {}

  /** Builds the message, defaults applied, without sending it. */
  message(): Promise<MailMessage> {
    return MailerRuntime.for(this.mailer).build(this);
  }

  /** Builds and sends the message now; an aborted `signal` (a job's timeout) stops waiting for the send. */
  deliverNow(options: { signal?: AbortSignal } = {}): Promise<void> {
    return MailerRuntime.for(this.mailer).deliverNow(this, options.signal);
  }

  /**
   * Enqueues `MailDeliveryJob` on the `mailers` queue, which builds and sends the message in a worker,
   * retrying transient SMTP failures and discarding permanent ones. Inside a transaction it follows
   * the module's `transactions` settings, as any job does.
   */
  deliverLater(options: DeliverLaterOptions = {}): Promise<EnqueuedJob> {
    return MailerRuntime.for(this.mailer).deliverLater(this, options);
  }
}
