import { html, type SafeHtml } from '../../common/html';
import { layout, type LayoutLinks } from './layout';

export interface ListPage {
  title: string;
  lead: SafeHtml;
  headers: string[];
  rows: SafeHtml[];
  /** What the page says while the list is empty; it links back to itself to refresh. */
  empty: string;
  path: string;
}

/** The outbox, fake CRM and fake partner pages: a card with a table, or a line saying nothing came yet. */
export function listPage({ title, lead, headers, rows, empty, path }: ListPage, links: LayoutLinks): string {
  return layout(
    title,
    links,
    html`<div class="card">
      <h1>${title}</h1>
      <p class="lead">${lead}</p>
      ${
        rows.length
          ? html`<table>
              <thead>
                <tr>
                  ${headers.map((header) => html`<th>${header}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>${empty} (<a href="${path}">refresh</a>).</p>`
      }
    </div>`,
  );
}

/** A moment in UTC, machine-readable too. */
export const utcTime = (date: Date) => html`<time datetime="${date.toISOString()}">${date.toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</time>`;
