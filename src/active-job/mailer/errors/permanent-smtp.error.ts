import { ActiveJobError } from '../../errors/active-job.error';

/**
 * The mail server refused the message for good (a 5xx reply, bad credentials): sending it again gets
 * the same answer, so `MailDeliveryJob` discards it.
 * @publicApi
 */
export class PermanentSmtpError extends ActiveJobError {}
