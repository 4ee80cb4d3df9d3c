import { InvalidMailerOptionsError } from '../errors/invalid-mailer-options.error';
import type { MailTransportOption } from '../mailer-options.interface';
import { EmlOutbox } from './eml-outbox';
import { EmlOutboxTransport } from './eml-outbox.transport';
import type { MailTransport } from './mail-transport.interface';
import { SmtpTransport } from './smtp.transport';
import { TestMailTransport } from './test.transport';
import { BAD_OUTBOX_DIR, BAD_SMTP_URL, BAD_TRANSPORT } from '../mailer.messages';

export function createMailTransport(option: MailTransportOption | undefined): MailTransport {
  if (option === 'test') return new TestMailTransport();
  if (typeof option === 'object' && option !== null) {
    if ('smtp' in option) {
      if (typeof option.smtp !== 'string' || !/^smtps?:\/\//.test(option.smtp)) {
        throw new InvalidMailerOptionsError(BAD_SMTP_URL(option.smtp));
      }
      return new SmtpTransport(option.smtp);
    }
    if ('outbox' in option) {
      if (typeof option.outbox !== 'string' || !option.outbox) throw new InvalidMailerOptionsError(BAD_OUTBOX_DIR(option.outbox));
      return new EmlOutboxTransport(new EmlOutbox(option.outbox));
    }
    if (typeof option.send === 'function') return option;
  }
  throw new InvalidMailerOptionsError(BAD_TRANSPORT(option));
}
