import { html } from '../../common/html';
import { layout, type LayoutLinks } from './layout';

/** The signup form; /assets/signup.js posts it as JSON and shows the answer. */
export function signupPage(links: LayoutLinks): string {
  return layout(
    'Sign up',
    links,
    html`<div class="card">
  <h1>Create your account</h1>
  <p class="lead">The page answers at once; a background job sends your welcome email.</p>
  <div id="notice" class="notice" role="status" aria-live="polite" hidden></div>
  <form id="signup" method="post" action="/users" novalidate>
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="email" maxlength="254" required>
    <label for="name">Name</label>
    <input id="name" name="name" type="text" autocomplete="name" maxlength="100" required>
    <button type="submit">Sign up</button>
  </form>
  ${links.outbox ? html`<p class="hint">Emails are not really sent in this mode: find yours in the <a href="/mails">outbox</a>.</p>` : ''}
</div>
<script src="/assets/signup.js" defer></script>`,
  );
}
