import { createTransport } from 'nodemailer';
import type { MailMessage } from '../mail-message.interface';
import type { EmlOutbox } from './eml-outbox';
import type { MailTransport } from './mail-transport.interface';

/**
 * Development delivery: nodemailer builds the exact message SMTP would send and the outbox keeps it
 * as a `.eml` file, shown by the preview pages. Nothing leaves the machine.
 *
 * @example
 * MailerModule.forRoot({ transport: { outbox: 'var/outbox' }, previews: true })
 * @publicApi
 */
export class EmlOutboxTransport implements MailTransport {
  readonly description: string;
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(readonly outbox: EmlOutbox) {
    this.description = `outbox of .eml files in ${outbox.dir}`;
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transporter.sendMail(message);
    await this.outbox.save(info.message as Buffer);
  }

  close(): void {
    this.transporter.close();
  }
}
