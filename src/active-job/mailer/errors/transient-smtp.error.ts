import { ActiveJobError } from '../../errors/active-job.error';

/**
 * The mail server could not take the message now (connection trouble, a 4xx reply): a later attempt
 * may work, so `MailDeliveryJob` retries it.
 * @publicApi
 */
export class TransientSmtpError extends ActiveJobError {}
