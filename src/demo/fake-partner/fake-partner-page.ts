import { html } from '../common/html';
import type { LayoutLinks } from '../web/views/layout';
import { listPage, utcTime } from '../web/views/list-page';
import type { ReceivedEvent } from './fake-partner.store';

function user(event: ReceivedEvent): { email?: unknown; name?: unknown } {
  return (event.body as { data?: { user?: object } } | null)?.data?.user ?? {};
}

/** Events the fake partner accepted, newest first: each once, with how many deliveries carried it. */
export function fakePartnerPage(events: ReceivedEvent[], links: LayoutLinks): string {
  return listPage(
    {
      title: 'Fake partner',
      path: '/fake-partner',
      lead: html`Webhooks that <code>PartnerWebhookJob</code> posted while <code>WEBHOOK_URL</code> is unset. Each was checked against its HMAC-SHA256 signature
        and stored once per <code>Idempotency-Key</code>; a repeated delivery only adds to its count.`,
      headers: ['Event', 'User', 'Idempotency key', 'Deliveries', 'Received'],
      rows: events.map(
        (event) =>
          html`<tr>
            <td><code>${event.type}</code></td>
            <td>${String(user(event).name ?? '')}<br />${String(user(event).email ?? '')}</td>
            <td><code>${event.idempotencyKey}</code></td>
            <td>${event.deliveries}</td>
            <td>${utcTime(event.firstReceivedAt)}</td>
          </tr>`,
      ),
      empty: 'No events yet. Sign up and yours shows up here a moment later',
    },
    links,
  );
}
