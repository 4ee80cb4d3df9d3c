import { html } from '../../common/html';
import type { OutboxMail } from '../../../active-job/mailer';
import { layout, type LayoutLinks } from './layout';

/**
 * One email. Its HTML part is untrusted: it is shown in an iframe whose sandbox allows nothing
 * (no scripts, forms or same-origin access), its markup escaped into `srcdoc`.
 */
export function mailPage(mail: OutboxMail, links: LayoutLinks): string {
  return layout(
    mail.subject || 'Email',
    links,
    html`<div class="card">
      <p><a href="/mails">← Outbox</a></p>
      <h1>${mail.subject || '(no subject)'}</h1>
      <dl>
        <dt>From</dt>
        <dd>${mail.from}</dd>
        <dt>To</dt>
        <dd>${mail.to}</dd>
        <dt>Date</dt>
        <dd>${mail.date ? `${mail.date.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC` : ''}</dd>
      </dl>
      ${
        mail.html !== null
          ? html`<h2>HTML</h2>
              <iframe title="HTML part" sandbox srcdoc="${mail.html}"></iframe>`
          : ''
      }
      <h2>Text</h2>
      <pre>${mail.text}</pre>
    </div>`,
  );
}
