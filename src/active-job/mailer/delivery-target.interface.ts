import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { SetOptions } from '../interfaces/set-options.interface';
import type { MailMessage } from './mail-message.interface';

/** `deliverLater`'s options: when (`wait` or `waitUntil`), on which queue, with which priority. */
export type DeliverLaterOptions = SetOptions;

/** One mailer method with its arguments: what a delivery names. */
export interface DeliveryTarget {
  readonly mailer: Function;
  readonly action: string;
  readonly args: readonly unknown[];
}

/** What a mailer class reaches at run time: its application's `MailerService`. */
export interface MailerBinding {
  build(target: DeliveryTarget): Promise<MailMessage>;
  deliverNow(target: DeliveryTarget, signal?: AbortSignal): Promise<void>;
  deliverLater(target: DeliveryTarget, options: DeliverLaterOptions): Promise<EnqueuedJob>;
}
