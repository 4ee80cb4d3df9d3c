import { createTransport, type SendMailOptions } from 'nodemailer';
import type { MailDelivery } from './mail-delivery';
import type { Outbox } from './outbox';

/** Development delivery: nodemailer builds the exact message SMTP would send and the outbox keeps it as a `.eml` file. */
export class OutboxDelivery implements MailDelivery {
  readonly description: string;
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly outbox: Outbox) {
    this.description = `outbox of .eml files in ${outbox.dir}`;
  }

  async deliver(message: SendMailOptions): Promise<void> {
    const info = await this.transporter.sendMail(message);
    await this.outbox.save(info.message as Buffer);
  }

  close(): void {
    this.transporter.close();
  }
}
