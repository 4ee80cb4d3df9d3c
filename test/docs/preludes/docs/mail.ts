// The application of docs/mail.md: its UserMailer takes a user id (deliverLater stores ids, not records), where
// the demo's takes the user itself. These names win over test/docs/prelude.ts for that guide's blocks.
import { ApplicationMailer, type MailMessage } from 'nestjs-active-job/mailer';

/** The guide's first block, as a declaration: the other blocks deliver it. */
export declare class UserMailer extends ApplicationMailer {
  welcomeEmail(userId: number): Promise<MailMessage>;
}

/** Defined in the guide's Previews section; the setup block lists it among the providers. */
export declare class UserMailerPreview {}
