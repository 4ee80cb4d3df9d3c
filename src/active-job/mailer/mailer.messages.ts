// User-facing messages of the mailers, as functions, in one place: each names what is at fault and what would work.

export const DUPLICATE_MAILER_NAME = (name: string) =>
  `Two different mailers are named ${name}; deliveries name their mailer, so mailer class names must be unique`;

export const NO_SUCH_MAILER_METHOD = (mailer: string, action: string) => `${mailer} has no method ${action}()`;

export const NOT_A_MESSAGE = (at: string, built: unknown) => `${at} must return a message (this.mail({...})), got ${String(built)}`;

export const NO_RECIPIENTS = (at: string) => `${at} built a message without recipients (to, cc or bcc)`;

export const NO_SENDER = (at: string) => `${at} built a message without a sender: set from in the message, @Mailer({ defaults }) or MailerModule's defaults`;

export const UNKNOWN_MAILER = (name: string, known: string[]) =>
  `No mailer named ${name} in this application (${known.length ? `known: ${known.join(', ')}` : 'none is registered'})`;

export const MAILER_NOT_BOUND = (name: string) =>
  `${name} is not a mailer of a running application: decorate it with @Mailer(), list it in a module's providers ` +
  'beside MailerModule.forRoot(), and initialize the app before delivering';

export const MAILER_NOT_SINGLETON = (name: string) => `${name} must be a singleton provider (no request or transient scope)`;

export const NOT_AN_APPLICATION_MAILER = (name: string) => `@Mailer() class ${name} must extend ApplicationMailer`;

export const PREVIEW_NOT_A_DELIVERY = (preview: string, action: string, got: unknown) =>
  `${preview}#${action} must return a delivery such as UserMailer.compose().welcomeEmail(1), got ${String(got)}`;

export const BAD_SMTP_URL = (url: unknown) => `MailerModule transport.smtp must be an smtp:// or smtps:// URL, got ${JSON.stringify(url)}`;

export const BAD_OUTBOX_DIR = (dir: unknown) => `MailerModule transport.outbox must be a folder path, got ${JSON.stringify(dir)}`;

export const BAD_TRANSPORT = (option: unknown) =>
  `MailerModule transport must be { smtp: url }, { outbox: dir }, 'test' or an object with send(message), got ${JSON.stringify(option)}`;

export const FOR_ROOT_ASYNC_NEEDS_FACTORY = () => 'MailerModule.forRootAsync() needs useFactory';

export const OPTIONS_NOT_AN_OBJECT = () => 'MailerModule.forRoot() takes an options object with a transport';

export const NO_TRANSPORT = () => "MailerModule needs a transport: { smtp: url }, { outbox: dir }, 'test' or your own";

export const PREVIEWS_IN_PRODUCTION = () =>
  'MailerModule previews are for development: they render messages with sample data for anyone who asks. Turn them off when NODE_ENV is production.';

export const BAD_PREVIEWS_PATH = (path: unknown) => `MailerModule previews.path must be a URL path such as 'mailer-previews', got ${JSON.stringify(path)}`;

export const BAD_DELIVERY_JOB = (what: string) => `MailerModule deliveryJob must be MailDeliveryJob or a subclass of it, got ${what}`;

export const DELIVERED = (mailer: string, action: string, recipients: string, transport: string) =>
  `Delivered ${mailer}#${action} to ${recipients} through ${transport}`;

export const NO_SUCH_PREVIEW = (preview: string, action: string) => `No mailer preview ${preview}#${action}`;

export const NOT_IN_OUTBOX = (id: string) => `No email ${id} in the outbox`;

/** A transport failure as the SMTP errors carry it: nodemailer's message, and its code when it has one. */
export const SMTP_FAILURE = (message: string, code: string | undefined) => `${message}${code ? ` [${code}]` : ''}`;
