import { html } from '../../common/html';
import type { OutboxMail } from '../../../active-job/mailer';
import type { LayoutLinks } from './layout';
import { listPage, utcTime } from './list-page';

/** The outbox: the latest emails, newest first. */
export function mailsPage(mails: OutboxMail[], links: LayoutLinks): string {
  return listPage(
    {
      title: 'Outbox',
      path: '/mails',
      lead: html`Emails the app sent while <code>SMTP_URL</code> is unset, kept as .eml files.`,
      headers: ['Subject', 'To', 'Sent'],
      rows: mails.map(
        (mail) =>
          html`<tr>
            <td><a href="/mails/${encodeURIComponent(mail.id)}">${mail.subject || '(no subject)'}</a></td>
            <td>${mail.to}</td>
            <td>${mail.date ? utcTime(mail.date) : ''}</td>
          </tr>`,
      ),
      empty: 'No emails yet. Sign up and your welcome email shows up here a moment later',
    },
    links,
  );
}
