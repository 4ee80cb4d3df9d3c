import type { MailMessage } from '../mail-message.interface';
import type { MailTransport } from './mail-transport.interface';

/**
 * Keeps every message in `deliveries` instead of sending it (ActionMailer's `:test` delivery method).
 * `MailerModule.forRoot({ transport: 'test' })` uses it; `MailTestHelper` reads it.
 * @publicApi
 */
export class TestMailTransport implements MailTransport {
  readonly description = 'test deliveries (kept in memory)';
  readonly deliveries: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.deliveries.push(message);
  }

  clear(): void {
    this.deliveries.length = 0;
  }
}
