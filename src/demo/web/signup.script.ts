/**
 * The few lines of browser JavaScript behind the signup form: post JSON to /users and show the
 * notice or the errors; after a signup, a button that asks for the welcome email again
 * (POST /users/:id/welcome-email). Every server-provided text goes in through textContent, never as HTML.
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

  async function post(url, data) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(data),
    });
    return { response, body: await response.json().catch(() => ({})) };
  }

  function showAnswer({ response, body }) {
    if (response.ok) return show('ok', body.notice || 'Done.', [].concat(body.queued || []).map((job) => 'Queued: ' + job));
    const messages = [].concat(body.message || response.statusText);
    if (response.status === 400) show('bad', 'Please fix the following:', messages);
    else show('bad', messages.join(' '), []);
  }

  // Stays under every answer about this user, a refusal (429) included, so they can try again later.
  function offerResend(userId) {
    const resend = document.createElement('button');
    resend.type = 'button';
    resend.id = 'resend';
    resend.className = 'secondary';
    resend.textContent = 'Did not get it? Send my welcome email again';
    resend.addEventListener('click', async () => {
      resend.disabled = true;
      try {
        showAnswer(await post('/users/' + encodeURIComponent(userId) + '/welcome-email', {}));
        offerResend(userId);
      } catch {
        show('bad', 'The server could not be reached. Please try again.', []);
        offerResend(userId);
      }
    });
    notice.append(resend);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const answer = await post(form.action, Object.fromEntries(new FormData(form)));
      showAnswer(answer);
      if (answer.response.ok) {
        offerResend(answer.body.id);
        form.reset();
      }
    } catch {
      show('bad', 'The server could not be reached. Please try again.', []);
    } finally {
      button.disabled = false;
    }
  });
})();
`;
