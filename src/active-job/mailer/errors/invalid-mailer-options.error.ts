import { ActiveJobError } from '../../errors/active-job.error';

/** `MailerModule` options, `@Mailer()` options or a built message are not usable; the message says which. */
export class InvalidMailerOptionsError extends ActiveJobError {}
