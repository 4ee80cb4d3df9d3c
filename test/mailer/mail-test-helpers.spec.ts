import type { INestApplication } from '@nestjs/common';
import '../../src/active-job/testing/jest';
import { JobTestHelper, MailTestHelper, mailerMatchers } from '../../src/active-job/testing';
import { failureOf } from '../testing/support/failure-of';
import { AccountMailer } from './fixtures/account.mailer';
import { createMailApp } from './fixtures/mail-app';

expect.extend(mailerMatchers);

describe('mail test helpers', () => {
  let app: INestApplication;
  let mail: MailTestHelper;

  beforeEach(async () => {
    app = await createMailApp({ adapter: 'test' }, { transport: 'test' });
    mail = MailTestHelper.from(app);
  });
  afterEach(() => app.close());

  it('sees deliverLater calls by mailer method and arguments', async () => {
    expect(AccountMailer).not.toHaveBeenDeliveredLater('welcomeEmail');
    await AccountMailer.compose().welcomeEmail(1).deliverLater();
    expect(AccountMailer).toHaveBeenDeliveredLater('welcomeEmail');
    expect(AccountMailer).toHaveBeenDeliveredLater('welcomeEmail', 1);
    expect(AccountMailer).not.toHaveBeenDeliveredLater('welcomeEmail', 2);
    expect(AccountMailer).not.toHaveBeenDeliveredLater('digest');
    expect(mail.enqueuedDeliveries.map(({ mailer, action, args, job }) => [mailer, action, args, job.queue])).toEqual([
      ['AccountMailer', 'welcomeEmail', [1], 'mailers'],
    ]);
  });

  it('fails listing the deliveries that were enqueued instead', async () => {
    await AccountMailer.compose().digest(1, ['jobs']).deliverLater();
    expect(failureOf(() => expect(AccountMailer).toHaveBeenDeliveredLater('welcomeEmail', 1))).toBe(
      [
        'expect(AccountMailer).toHaveBeenDeliveredLater(action, ...args)',
        '',
        'Expected AccountMailer.welcomeEmail to have been delivered later with [1], but it was not.',
        'Enqueued deliveries:',
        "  AccountMailer.digest(1, [ 'jobs' ])",
      ].join('\n'),
    );
  });

  it('keeps what was sent in deliveries once the jobs are performed', async () => {
    await AccountMailer.compose().welcomeEmail(1).deliverLater();
    expect(mail.deliveries).toEqual([]);
    await JobTestHelper.from(app).performEnqueuedJobs();
    expect(mail.deliveries).toEqual([
      expect.objectContaining({ to: { name: 'Ada', address: 'ada@example.com' }, subject: 'Welcome, Ada!', from: 'Acme <hello@acme.test>' }),
    ]);
    mail.clear();
    expect(mail.deliveries).toEqual([]);
  });

  it('needs the test transport', async () => {
    const other = await createMailApp({ adapter: 'test' }, { transport: { outbox: '/tmp/active-job-unused-outbox' } });
    try {
      expect(() => MailTestHelper.from(other)).toThrow(
        "MailTestHelper needs MailerModule.forRoot({ transport: 'test' }); this application sends through outbox of .eml files in /tmp/active-job-unused-outbox",
      );
    } finally {
      await other.close();
    }
  });
});
