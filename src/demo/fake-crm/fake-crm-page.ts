import { html } from '../common/html';
import { layout, type LayoutLinks } from '../web/views/layout';
import type { StoredContact } from './fake-crm.store';

const utc = (date: Date) => html`<time datetime="${date.toISOString()}">${date.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>`;

/** The fake CRM's contacts, newest first, with how many upserts each received and how many changed it. */
export function fakeCrmPage(contacts: StoredContact[], links: LayoutLinks): string {
  const rows = contacts.map(
    (contact) =>
      html`<tr>
        <td>${contact.name}</td>
        <td>${contact.email}</td>
        <td>${contact.externalId}</td>
        <td>${contact.requests} / ${contact.changes}</td>
        <td>${utc(contact.updatedAt)}</td>
      </tr>`,
  );
  return layout(
    'Fake CRM',
    links,
    html`<div class="card">
      <h1>Fake CRM</h1>
      <p class="lead">
        Contacts that <code>CrmSyncJob</code> upserted by email while <code>CRM_URL</code> is unset. A retried or duplicated job sends the same contact again
        and changes nothing: upserts received / changes.
      </p>
      ${
        contacts.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>User id</th>
                  <th>Upserts / changes</th>
                  <th>Last change</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>No contacts yet. Sign up and yours shows up here a moment later (<a href="/fake-crm">refresh</a>).</p>`
      }
    </div>`,
  );
}
