import { html } from '../../common/html';
import type { User } from '../../users/user';

/** Subject, text and HTML of the welcome email. */
export function welcomeEmailContent(user: Pick<User, 'name' | 'email'>) {
  return {
    subject: `Welcome, ${user.name}!`,
    text: [
      `Hi ${user.name},`,
      '',
      `Thanks for signing up. Your account for ${user.email} is ready.`,
      '',
      'This email was sent by a background job, after the signup page had already answered.',
      '',
      '— The Active Job demo',
    ].join('\n'),
    html: html`<!doctype html>
      <html>
        <body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933">
          <h1 style="font-size: 22px">Welcome, ${user.name}!</h1>
          <p>Thanks for signing up. Your account for <strong>${user.email}</strong> is ready.</p>
          <p style="color: #52606d">This email was sent by a background job, after the signup page had already answered.</p>
          <p>— The Active Job demo</p>
        </body>
      </html>`.value,
  };
}
