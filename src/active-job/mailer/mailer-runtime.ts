import { UnknownMailerError } from './errors/unknown-mailer.error';
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
    throw new UnknownMailerError(
      `${type.name} is not a mailer of a running application: decorate it with @Mailer(), list it in a module's providers ` +
        'beside MailerModule.forRoot(), and initialize the app before delivering',
    );
  },
};
