export const MAILER_METADATA = 'active-job:mailer';
export const MAILER_PREVIEW_METADATA = 'active-job:mailer-preview';
/** Injection token of the `MailerModule` options as given. */
export const MAILER_MODULE_OPTIONS = 'active-job:mailer-options';
/** Injection token of the `MailTransport` messages go through. */
export const MAIL_TRANSPORT = 'active-job:mail-transport';
/** Queue of `deliverLater` unless the mailer or the call says otherwise (ActionMailer's `deliver_later_queue_name`). */
export const DEFAULT_MAILER_QUEUE = 'mailers';
export const DEFAULT_PREVIEWS_PATH = 'mailer-previews';
/** Injection token of the delivery job class (`MailDeliveryJob` or the module's `deliveryJob`). */
export const MAIL_DELIVERY_JOB = 'active-job:mail-delivery-job';
