import { html } from '../../common/html';
import type { OutboxMail } from '../../../active-job/mailer';
import { layout, type LayoutLinks } from './layout';

/** The outbox: the latest emails, newest first. */
export function mailsPage(mails: OutboxMail[], links: LayoutLinks): string {
  const rows = mails.map(
    (mail) =>
      html`<tr>
        <td><a href="/mails/${encodeURIComponent(mail.id)}">${mail.subject || '(no subject)'}</a></td>
        <td>${mail.to}</td>
        <td>${mail.date ? html`<time datetime="${mail.date.toISOString()}">${mail.date.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>` : ''}</td>
      </tr>`,
  );
  return layout(
    'Outbox',
    links,
    html`<div class="card">
      <h1>Outbox</h1>
      <p class="lead">Emails the app sent while <code>SMTP_URL</code> is unset, kept as .eml files.</p>
      ${
        mails.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Subject</th>
                  <th>To</th>
                  <th>Sent</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>No emails yet. Sign up and your welcome email shows up here a moment later (<a href="/mails">refresh</a>).</p>`
      }
    </div>`,
  );
}
