import type { SendMailOptions } from 'nodemailer';
import type { MailDelivery } from './mail-delivery';

/**
 * A composed email, sent when you say so (ActionMailer's `MessageDelivery`).
 *
 * @example
 * await this.mailer.welcomeEmail(user).deliverNow({ signal: this.signal });
 */
export class MailMessage {
  constructor(
    private readonly delivery: MailDelivery,
    readonly options: Readonly<SendMailOptions>,
  ) {}

  /** Sends it now; an aborted `signal` (a job's timeout) cancels the send. */
  deliverNow({ signal }: { signal?: AbortSignal } = {}): Promise<void> {
    return this.delivery.deliver({ ...this.options, signal });
  }
}
