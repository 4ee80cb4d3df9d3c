import { InvalidMailerOptionsError } from '../errors/invalid-mailer-options.error';
import type { MailTransportOption } from '../mailer-options.interface';
import { EmlOutbox } from './eml-outbox';
import { EmlOutboxTransport } from './eml-outbox.transport';
import type { MailTransport } from './mail-transport.interface';
import { SmtpTransport } from './smtp.transport';
import { TestMailTransport } from './test.transport';

export function createMailTransport(option: MailTransportOption | undefined): MailTransport {
  if (option === 'test') return new TestMailTransport();
  if (typeof option === 'object' && option !== null) {
    if ('smtp' in option) {
      if (typeof option.smtp !== 'string' || !/^smtps?:\/\//.test(option.smtp)) {
        throw new InvalidMailerOptionsError(`MailerModule transport.smtp must be an smtp:// or smtps:// URL, got ${JSON.stringify(option.smtp)}`);
      }
      return new SmtpTransport(option.smtp);
    }
    if ('outbox' in option) {
      if (typeof option.outbox !== 'string' || !option.outbox) throw new InvalidMailerOptionsError(`MailerModule transport.outbox must be a folder path, got ${JSON.stringify(option.outbox)}`);
      return new EmlOutboxTransport(new EmlOutbox(option.outbox));
    }
    if (typeof (option as MailTransport).send === 'function') return option as MailTransport;
  }
  throw new InvalidMailerOptionsError(
    `MailerModule transport must be { smtp: url }, { outbox: dir }, 'test' or an object with send(message), got ${JSON.stringify(option)}`,
  );
}
