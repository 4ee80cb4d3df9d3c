import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from '../mail-message.interface';
import { abortable } from './abortable';
import { classifySmtpFailure } from './classify-smtp-failure';
import type { MailTransport } from './mail-transport.interface';
import { gatedOnOwnership } from './ownership-gate';

/**
 * Sends through an SMTP server with nodemailer, from a URL (`smtp://user:pass@host:587`,
 * `smtps://` for TLS), with bounded waits so a dead server fails the attempt instead of hanging it.
 *
 * @example
 * MailerModule.forRoot({ transport: { smtp: process.env.SMTP_URL } })
 * @publicApi
 */
export class SmtpTransport implements MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.description = `SMTP to ${redactUrl(url)}`;
    this.transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    // A job's send asks whether its run still owns the job as the body is about to leave.
    this.transporter.use('stream', (mail, done) => {
      const signal = (mail.data as { signal?: AbortSignal }).signal;
      if (signal) mail.message.processFunc((body) => gatedOnOwnership(body, signal));
      done();
    });
  }

  async send(message: MailMessage, { signal }: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      // nodemailer stops the send itself when the signal aborts (unless the server has the message already).
      await abortable(this.transporter.sendMail(signal ? { ...message, signal } : message), signal);
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      throw classifySmtpFailure(error);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
