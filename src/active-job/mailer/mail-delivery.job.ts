import { ApplicationJob } from '../application-job';
import { DiscardOn } from '../decorators/discard-on.decorator';
import { Job } from '../decorators/job.decorator';
import { RetryOn } from '../decorators/retry-on.decorator';
import { PermanentSmtpError } from './errors/permanent-smtp.error';
import { TransientSmtpError } from './errors/transient-smtp.error';
import { DEFAULT_MAILER_QUEUE } from './mailer.constants';
import { MailerService } from './mailer.service';

/**
 * The job behind `deliverLater` (ActionMailer's `MailDeliveryJob`): builds the message in the worker
 * from the mailer's name, method and arguments, and sends it. Transient SMTP failures are retried
 * 5 runs in all, waiting polynomially longer; permanent ones are discarded. Subclass it (and pass
 * it as `MailerModule`'s `deliveryJob`) to change that.
 *
 * @example
 * @RetryOn(TransientSmtpError, { wait: '1m', attempts: 10 })
 * export class PatientMailDeliveryJob extends MailDeliveryJob {}
 * @publicApi
 */
@Job({ queue: DEFAULT_MAILER_QUEUE, timeout: '2m' })
@RetryOn(TransientSmtpError, { wait: 'polynomiallyLonger', attempts: 5 })
@DiscardOn(PermanentSmtpError)
export class MailDeliveryJob extends ApplicationJob {
  constructor(private readonly mailers: MailerService) {
    super();
  }

  async perform(mailer: string, action: string, args: unknown[]): Promise<void> {
    await this.mailers.deliverByName(mailer, action, args, this.signal);
  }
}
