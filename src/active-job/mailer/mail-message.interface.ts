import type { Attachment } from 'nodemailer/lib/mailer';

/** An address as nodemailer takes it: `'Ada <ada@example.com>'` or `{ name, address }`. */
export type MailAddress = string | { name: string; address: string };

/** What a mailer method builds (ActionMailer's `mail(to:, subject:, ...)`): nodemailer's message fields. */
export interface MailMessage {
  from?: MailAddress;
  to?: MailAddress | MailAddress[];
  cc?: MailAddress | MailAddress[];
  bcc?: MailAddress | MailAddress[];
  replyTo?: MailAddress | MailAddress[];
  subject?: string;
  /** The plain-text body. */
  text?: string;
  /** The HTML body. */
  html?: string;
  /** Files: `{ filename, content }` (string or Buffer) or `{ filename, path }`. */
  attachments?: Attachment[];
  headers?: Record<string, string>;
}

/** Message fields every message of a mailer (or of the application) starts from, such as `from`. */
export type MailDefaults = Omit<MailMessage, 'attachments'>;
