import { html } from '../common/html';
import { layout, type LayoutLinks } from '../web/views/layout';
import type { ReceivedEvent } from './fake-partner.store';

const utc = (date: Date) => html`<time datetime="${date.toISOString()}">${date.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>`;

function user(event: ReceivedEvent): { email?: unknown; name?: unknown } {
  return (event.body as { data?: { user?: object } } | null)?.data?.user ?? {};
}

/** Events the fake partner accepted, newest first: each once, with how many deliveries carried it. */
export function fakePartnerPage(events: ReceivedEvent[], links: LayoutLinks): string {
  const rows = events.map(
    (event) =>
      html`<tr>
        <td><code>${event.type}</code></td>
        <td>${String(user(event).name ?? '')}<br />${String(user(event).email ?? '')}</td>
        <td><code>${event.idempotencyKey}</code></td>
        <td>${event.deliveries}</td>
        <td>${utc(event.firstReceivedAt)}</td>
      </tr>`,
  );
  return layout(
    'Fake partner',
    links,
    html`<div class="card">
      <h1>Fake partner</h1>
      <p class="lead">
        Webhooks that <code>PartnerWebhookJob</code> posted while <code>WEBHOOK_URL</code> is unset. Each was checked against its HMAC-SHA256 signature and
        stored once per <code>Idempotency-Key</code>; a repeated delivery only adds to its count.
      </p>
      ${
        events.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Event</th>
                  <th>User</th>
                  <th>Idempotency key</th>
                  <th>Deliveries</th>
                  <th>Received</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>No events yet. Sign up and yours shows up here a moment later (<a href="/fake-partner">refresh</a>).</p>`
      }
    </div>`,
  );
}
