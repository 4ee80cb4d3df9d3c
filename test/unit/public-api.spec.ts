import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as library from '../../src/active-job';
import * as mailer from '../../src/active-job/mailer';
import * as testing from '../../src/active-job/testing';

// The public API is a decision: adding or removing an export fails here until this list says so.
// Lifecycle classes (explorer, orchestrator, executor) and the built-in adapters stay internal.
describe('public API', () => {
  it('exports exactly what users write code against from nestjs-active-job', () => {
    expect(Object.keys(library).sort()).toEqual([
      'ActiveJobError',
      'ActiveJobModule',
      'AfterDiscard',
      'AfterEnqueue',
      'AfterPerform',
      'ApplicationJob',
      'AroundEnqueue',
      'AroundPerform',
      'BeforeEnqueue',
      'BeforePerform',
      'DeserializationError',
      'DiscardOn',
      'EnqueueAbortedError',
      'EnqueueAfterCommit',
      'EnqueueAllError',
      'EnqueueError',
      'FailedJobs',
      'InvalidJobOptionsError',
      'JOB_CHANNEL_NAMES',
      'Job',
      'JobNotRegisteredError',
      'JobQueue',
      'JobTimeoutError',
      'LockLostError',
      'NestedJobsLimitError',
      'OutboxRelayService',
      'OutsideJobRunError',
      'PayloadTooLargeError',
      'PostgresOutboxStore',
      'Processor',
      'QUEUE_ADAPTER',
      'QueueControl',
      'Recurring',
      'RecurringTaskNotFoundError',
      'RecurringTasks',
      'RedisUnavailableError',
      'RescueFrom',
      'RetryOn',
      'SerializationError',
      'SqliteOutboxStore',
      'UnknownJobClassError',
      'currentTransaction',
      'throwAbort',
      'trackJobTransactions',
      'withJobTransaction',
    ]);
  });

  it('exports the test kit from nestjs-active-job/testing', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'JobAssertionError',
      'JobTestHelper',
      'MAX_NESTED_JOBS',
      'MailTestHelper',
      'TestAdapter',
      'TestAdapterRequiredError',
      'TestHelperUsageError',
      'activeJobMatchers',
      'mailerMatchers',
      'withTestAdapter',
    ]);
  });

  it('exports the mailers from nestjs-active-job/mailer', () => {
    expect(Object.keys(mailer).sort()).toEqual([
      'ApplicationMailer',
      'EmlOutbox',
      'EmlOutboxTransport',
      'InvalidMailerOptionsError',
      'MAIL_TRANSPORT',
      'MailDeliveryJob',
      'Mailer',
      'MailerModule',
      'MailerPreview',
      'MessageDelivery',
      'PermanentSmtpError',
      'SmtpTransport',
      'TestMailTransport',
      'TransientSmtpError',
      'UnknownMailerError',
      'classifySmtpFailure',
    ]);
  });

  it('names every error class it exports in the errors section of docs/retries-and-errors.md', () => {
    const guide = readFileSync(join(__dirname, '..', '..', 'docs', 'retries-and-errors.md'), 'utf8');
    const section = guide.slice(guide.indexOf('## Errors'));
    const errors = [...Object.keys(library), ...Object.keys(testing), ...Object.keys(mailer)].filter(
      (name) => name.endsWith('Error') && name !== 'ActiveJobError',
    );
    expect(errors.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
  });

  it('makes every error class it exports an ActiveJobError, so callers can catch them as a family', () => {
    const errors = [...Object.entries(library), ...Object.entries(testing), ...Object.entries(mailer)].filter(([name]) => name.endsWith('Error'));
    expect(errors.length).toBeGreaterThan(10);
    for (const [name, errorClass] of errors)
      expect([name, (errorClass as Function).prototype instanceof library.ActiveJobError || errorClass === library.ActiveJobError]).toEqual([name, true]);
  });
});
