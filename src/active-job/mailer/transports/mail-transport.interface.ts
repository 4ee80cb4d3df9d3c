import type { MailMessage } from '../mail-message.interface';

/**
 * Where messages go (ActionMailer's delivery method). Rejects with `TransientSmtpError` when a later
 * attempt may work and `PermanentSmtpError` when none will; anything else fails the delivery job.
 * @publicApi
 */
export interface MailTransport {
  /** For logs, e.g. `SMTP to smtp://mail.example.com:587`. */
  readonly description: string;
  /** Sends one complete message; `signal` aborts when the delivery job's timeout passes. */
  send(message: MailMessage, options?: { signal?: AbortSignal }): Promise<void>;
  close?(): void | Promise<void>;
}
