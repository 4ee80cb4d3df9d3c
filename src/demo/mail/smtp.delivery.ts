import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { redactUrl } from '../config';
import type { MailDelivery } from './mail-delivery';
import { classifySmtpFailure } from './smtp-failure';

/** Sends through an SMTP server with nodemailer, with bounded waits so a dead server fails the attempt instead of hanging it. */
export class SmtpDelivery implements MailDelivery {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    this.description = `SMTP to ${redactUrl(smtpUrl)}`;
    this.transporter = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async deliver(message: SendMailOptions): Promise<void> {
    try {
      await this.transporter.sendMail(message);
    } catch (error) {
      throw classifySmtpFailure(error);
    }
  }

  close(): void {
    this.transporter.close();
  }
}
