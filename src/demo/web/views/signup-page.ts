import { html } from '../../common/html';
import { layout, type LayoutLinks } from './layout';

/** The signup form; /assets/signup.js posts it as JSON and shows the answer. */
export function signupPage(links: LayoutLinks): string {
  return layout(
    'Sign up',
    links,
    html`<div class="card">
        <h1>Create your account</h1>
        <p class="lead">The page answers at once; three background jobs send your welcome email, put you in our CRM and tell our partner.</p>
        <div id="notice" class="notice" role="status" aria-live="polite" hidden></div>
        <form id="signup" method="post" action="/users" novalidate>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required />
          <label for="name">Name</label>
          <input id="name" name="name" type="text" autocomplete="name" maxlength="100" required />
          <button type="submit">Sign up</button>
        </form>
        ${links.outbox ? html`<p class="hint">Emails are not really sent in this mode: find yours in the <a href="/mails">outbox</a>.</p>` : ''}
        ${
          links.crm || links.partner
            ? html`<p class="hint">
                Stand-ins serve this demo for what is not configured:
                ${links.crm ? html`the <a href="/fake-crm">fake CRM</a> (CRM_URL)` : ''}${links.crm && links.partner ? ' and ' : ''}${links.partner ? html`the <a href="/fake-partner">fake partner</a> (WEBHOOK_URL)` : ''}.
              </p>`
            : ''
        }
      </div>
      <script src="/assets/signup.js" defer></script>`,
  );
}
