import { UnknownMailerError } from './errors/unknown-mailer.error';
import { MAILER_NOT_BOUND } from './mailer.messages';
import type { MailerBinding } from './delivery-target.interface';

// As JobRuntime: a mailer class reaches the MailerService of the most recently started application that found it.
const bindings = new Map<Function, MailerBinding[]>();

export const MailerRuntime = {
  bind(type: Function, service: MailerBinding): void {
    bindings.set(type, [...(bindings.get(type) ?? []).filter((bound) => bound !== service), service]);
  },

  unbindAll(service: MailerBinding): void {
    for (const [type, services] of bindings) {
      const remaining = services.filter((bound) => bound !== service);
      if (remaining.length) bindings.set(type, remaining);
      else bindings.delete(type);
    }
  },

  serviceFor(type: Function): MailerBinding {
    const services = bindings.get(type);
    if (services?.length) return services[services.length - 1];
    throw new UnknownMailerError(MAILER_NOT_BOUND(type.name));
  },
};
