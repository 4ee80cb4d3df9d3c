import type { MailAddress, MailMessage } from '../mail-message.interface';
import type { OutboxMail } from '../transports/eml-outbox';
import { html, type SafeHtml } from './html';

/** Inline styles only, and the HTML part in a sandboxed frame: the pages run no script at all. */
export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'";

function layout(title: string, base: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 2rem;
            color: #1f2933;
          }
          table {
            border-collapse: collapse;
          }
          td,
          th {
            padding: 0.25rem 0.75rem;
            text-align: left;
            border-bottom: 1px solid #e4e7eb;
          }
          pre {
            white-space: pre-wrap;
            background: #f5f7fa;
            padding: 1rem;
          }
          iframe {
            width: 100%;
            height: 32rem;
            border: 1px solid #cbd2d9;
          }
          nav a {
            margin-right: 1rem;
          }
        </style>
      </head>
      <body>
        <nav><a href="/${base}">Mailer previews</a><a href="/${base}/outbox">Outbox</a></nav>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`.value;
}

export function previewIndexPage(base: string, previews: { name: string; actions: string[] }[]): string {
  const body = previews.length
    ? html`${previews.map(
        (preview) =>
          html`<h2>${preview.name}</h2>
            <ul>
              ${preview.actions.map((action) => html`<li><a href="/${base}/${preview.name}/${action}">${action}</a></li>`)}
            </ul>`,
      )}`
    : html`<p>No previews yet: add a class decorated with <code>@MailerPreview()</code> to a module's providers.</p>`;
  return layout('Mailer previews', base, body);
}

export function messagePage(base: string, title: string, message: MailMessage | OutboxMail): string {
  const attachments = message.attachments?.map((attachment) => (typeof attachment === 'string' ? attachment : (attachment.filename ?? '(unnamed)'))) ?? [];
  const body = html`<table>
      <tr>
        <th>From</th>
        <td>${addresses(message.from)}</td>
      </tr>
      <tr>
        <th>To</th>
        <td>${addresses(message.to)}</td>
      </tr>
      ${
        'cc' in message && message.cc
          ? html`<tr>
              <th>Cc</th>
              <td>${addresses(message.cc)}</td>
            </tr>`
          : null
      }
      <tr>
        <th>Subject</th>
        <td>${message.subject ?? ''}</td>
      </tr>
      ${
        attachments.length
          ? html`<tr>
              <th>Attachments</th>
              <td>${attachments.join(', ')}</td>
            </tr>`
          : null
      }
    </table>
    ${
      message.html
        ? html`<h2>HTML</h2>
            <iframe sandbox="" title="HTML part" srcdoc="${message.html}"></iframe>`
        : null
    }
    ${
      message.text
        ? html`<h2>Text</h2>
            <pre>${message.text}</pre>`
        : null
    }`;
  return layout(title, base, body);
}

export function outboxPage(base: string, mails: OutboxMail[] | null): string {
  if (!mails)
    return layout('Outbox', base, html`<p>Mail goes through another transport: only the <code>{ outbox: dir }</code> transport keeps copies here.</p>`);
  const body = mails.length
    ? html`<table>
        <tr>
          <th>Date</th>
          <th>To</th>
          <th>Subject</th>
        </tr>
        ${mails.map(
          (mail) =>
            html`<tr>
              <td>${mail.date?.toISOString() ?? ''}</td>
              <td>${mail.to}</td>
              <td><a href="/${base}/outbox/${mail.id}">${mail.subject || '(no subject)'}</a></td>
            </tr>`,
        )}
      </table>`
    : html`<p>No email sent yet.</p>`;
  return layout('Outbox', base, body);
}

function addresses(value: MailAddress | MailAddress[] | string | undefined): string {
  if (value === undefined) return '';
  return (Array.isArray(value) ? value : [value]).map((address) => (typeof address === 'string' ? address : `${address.name} <${address.address}>`)).join(', ');
}
