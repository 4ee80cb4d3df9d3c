import { html } from '../common/html';
import type { LayoutLinks } from '../web/views/layout';
import { listPage, utcTime } from '../web/views/list-page';
import type { StoredContact } from './fake-crm.store';

/** The fake CRM's contacts, newest first, with how many upserts each received and how many changed it. */
export function fakeCrmPage(contacts: StoredContact[], links: LayoutLinks): string {
  return listPage(
    {
      title: 'Fake CRM',
      path: '/fake-crm',
      lead: html`Contacts that <code>CrmSyncJob</code> upserted by email while <code>CRM_URL</code> is unset. A retried or duplicated job sends the same contact
        again and changes nothing: upserts received / changes.`,
      headers: ['Name', 'Email', 'User id', 'Upserts / changes', 'Last change'],
      rows: contacts.map(
        (contact) =>
          html`<tr>
            <td>${contact.name}</td>
            <td>${contact.email}</td>
            <td>${contact.externalId}</td>
            <td>${contact.requests} / ${contact.changes}</td>
            <td>${utcTime(contact.updatedAt)}</td>
          </tr>`,
      ),
      empty: 'No contacts yet. Sign up and yours shows up here a moment later',
    },
    links,
  );
}
