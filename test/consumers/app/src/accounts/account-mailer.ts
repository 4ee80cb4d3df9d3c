import { ApplicationMailer, Mailer } from 'nestjs-active-job/mailer';

/** The library's mailer on nodemailer (an optional peer, installed as a user would). */
@Mailer({ defaults: { from: 'Consumer <hello@consumer.test>' } })
export class AccountMailer extends ApplicationMailer {
  opened(accountId: number) {
    return this.mail({ to: `account-${accountId}@consumer.test`, subject: `Account ${accountId} opened`, text: `Welcome, account ${accountId}.` });
  }
}
