import type { SendMailOptions } from 'nodemailer';

/** Injection token of the `MailDelivery` in use (SMTP or the outbox). */
export const MAIL_DELIVERY = Symbol('MAIL_DELIVERY');

/** Where messages go: an SMTP server, or the outbox of `.eml` files. */
export interface MailDelivery {
  /** For the startup log, e.g. "SMTP to smtp://127.0.0.1:2525". */
  readonly description: string;
  /** Sends one message; rejects with `TransientSmtpError` or `PermanentSmtpError` when it cannot. */
  deliver(message: SendMailOptions): Promise<void>;
  close(): void;
}
