import { StaticRuntime } from '../utils/static-runtime';
import type { MailerBinding } from './delivery-target.interface';
import { UnknownMailerError } from './errors/unknown-mailer.error';
import { MAILER_NOT_BOUND } from './mailer.messages';

/** The MailerService a mailer class's `compose()` deliveries reach; bound by the mailers explorer, as JobRuntime by the jobs explorer. */
export const MailerRuntime = new StaticRuntime<MailerBinding>((type) => new UnknownMailerError(MAILER_NOT_BOUND(type.name)));
