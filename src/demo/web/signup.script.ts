/**
 * The few lines of browser JavaScript behind the signup form: post JSON to /users and show the
 * notice or the errors. Every server-provided text goes in through textContent, never as HTML.
 */
export const SIGNUP_SCRIPT = `'use strict';
(() => {
  const form = document.getElementById('signup');
  const notice = document.getElementById('notice');
  const button = form.querySelector('button');

  function show(kind, title, items) {
    const heading = document.createElement('div');
    heading.textContent = title;
    const list = document.createElement('ul');
    for (const item of items) {
      const entry = document.createElement('li');
      entry.textContent = item;
      list.append(entry);
    }
    notice.className = 'notice ' + kind;
    notice.replaceChildren(heading, ...(items.length ? [list] : []));
    notice.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        show('ok', body.notice || 'Signed up.', [].concat(body.queued || []).map((job) => 'Queued: ' + job));
        form.reset();
      } else {
        const messages = [].concat(body.message || response.statusText);
        if (response.status === 400) show('bad', 'Please fix the following:', messages);
        else show('bad', messages.join(' '), []);
      }
    } catch {
      show('bad', 'The server could not be reached. Please try again.', []);
    } finally {
      button.disabled = false;
    }
  });
})();
`;
