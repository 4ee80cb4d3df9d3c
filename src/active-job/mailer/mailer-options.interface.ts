import type { ModuleMetadata, Type } from '@nestjs/common';
import type { MailDefaults } from './mail-message.interface';
import type { ApplicationJob } from '../application-job';
import type { MailTransport } from './transports/mail-transport.interface';

/** Where messages go: an SMTP URL, a folder of `.eml` files, the in-memory test transport, or your own. */
export type MailTransportOption = { smtp: string } | { outbox: string } | 'test' | MailTransport;

/** Options of `@Mailer()`. */
export interface MailerOptions {
  /** Fields every message of this mailer starts from, e.g. `{ from: 'Ada <hello@example.com>' }`. */
  defaults?: MailDefaults;
  /** Queue of this mailer's `deliverLater`. Default: the module's `deliverLaterQueue`. */
  queue?: string;
}

export interface MailerModuleOptions {
  transport: MailTransportOption;
  /** Fields every message starts from; a mailer's `defaults` and the message itself win over them. */
  defaults?: MailDefaults;
  /** Queue of `deliverLater`. Default `'mailers'`. */
  deliverLaterQueue?: string;
  /**
   * Development pages: each `@MailerPreview` method rendered (`GET /mailer-previews`), and the `.eml`
   * outbox when that is the transport (`GET /mailer-previews/outbox`). Refused when NODE_ENV is production.
   */
  previews?: boolean | { path?: string };
  /** A subclass of `MailDeliveryJob` with your own `@RetryOn` / `@DiscardOn` / `@Job` options. */
  deliveryJob?: Type<ApplicationJob>;
}

export interface MailerModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: any[]) => MailerModuleOptions | Promise<MailerModuleOptions>;
  inject?: any[];
  /** Known before the factory runs, since Nest mounts routes from the module's metadata. */
  previews?: MailerModuleOptions['previews'];
  deliveryJob?: MailerModuleOptions['deliveryJob'];
}
