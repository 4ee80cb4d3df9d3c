import { Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { User } from '../users/user';
import { SmtpConnectionError } from './smtp-connection.error';

// Failures before the server replied: the connection, not the message, is at fault.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

/** The emails users get. SMTP_URL (e.g. smtp://127.0.0.1:1025) sends them; unset, they are logged. */
@Injectable()
export class UserMailer {
  private readonly logger = new Logger(UserMailer.name);
  private readonly transport: Transporter = process.env.SMTP_URL ? createTransport(process.env.SMTP_URL) : createTransport({ jsonTransport: true });

  welcomeEmail(user: User): { deliverNow: () => Promise<void> } {
    const message = { from: 'hello@example.com', to: user.email, subject: `Welcome, ${user.name}!`, text: `Hello ${user.name}, thanks for signing up.` };
    return {
      deliverNow: async () => {
        try {
          await this.transport.sendMail(message);
        } catch (error) {
          const code = (error as { code?: string }).code;
          throw code && CONNECTION_CODES.has(code) ? new SmtpConnectionError((error as Error).message, { cause: error }) : error;
        }
        this.logger.log(`Sent "${message.subject}" to ${message.to}`);
      },
    };
  }
}
