import type { INestApplicationContext } from '@nestjs/common';
import { TestHelperUsageError } from './test-helper-usage.error';
import type { MailMessage } from '../mailer/mail-message.interface';
import { MailDeliveryJob } from '../mailer/mail-delivery.job';
import { MAIL_TRANSPORT } from '../mailer/mailer.constants';
import type { MailTransport } from '../mailer/transports/mail-transport.interface';
import { TestMailTransport } from '../mailer/transports/test.transport';
import { JobTestHelper } from './job-test-helper';
import type { TestJob } from './test-job';
import { MAIL_HELPER_NEEDS_TEST_TRANSPORT, NO_MAIL_TEST_HELPER } from './testing.messages';

/** A `deliverLater` waiting in the test adapter: which mailer method, with which arguments. */
export interface EnqueuedDelivery {
  mailer: string;
  action: string;
  args: readonly unknown[];
  job: TestJob;
}

let current: MailTestHelper | undefined;

/**
 * ActionMailer's test helpers for an application whose mailer transport is `'test'`: the messages
 * sent (`deliveries`, ActionMailer's `ActionMailer::Base.deliveries`) and the deliveries enqueued
 * with `deliverLater` (read from the test adapter, when the app runs on it).
 *
 * @example
 * const mail = MailTestHelper.from(app);
 * await request(app.getHttpServer()).post('/users').send({ email: 'ada@example.com' });
 * expect(UserMailer).toHaveBeenDeliveredLater('welcomeEmail', 1);
 * await JobTestHelper.from(app).performEnqueuedJobs();
 * expect(mail.deliveries[0].to).toBe('ada@example.com');
 * @publicApi
 */
export class MailTestHelper {
  private constructor(
    readonly transport: TestMailTransport,
    private readonly app: Pick<INestApplicationContext, 'get'>,
  ) {}

  static from(app: Pick<INestApplicationContext, 'get'>): MailTestHelper {
    const transport = app.get<MailTransport>(MAIL_TRANSPORT, { strict: false });
    if (!(transport instanceof TestMailTransport)) {
      throw new TestHelperUsageError(MAIL_HELPER_NEEDS_TEST_TRANSPORT(transport?.description ?? String(transport)));
    }
    current = new MailTestHelper(transport, app);
    return current;
  }

  /** The helper most recently obtained with `MailTestHelper.from()`: the one the mail matchers read. */
  static get current(): MailTestHelper {
    if (!current) throw new TestHelperUsageError(NO_MAIL_TEST_HELPER());
    return current;
  }

  /** Messages sent so far, in order, defaults applied. */
  get deliveries(): readonly MailMessage[] {
    return this.transport.deliveries;
  }

  /** `deliverLater` calls whose `MailDeliveryJob` waits in the test adapter. */
  get enqueuedDeliveries(): EnqueuedDelivery[] {
    return JobTestHelper.from(this.app)
      .enqueuedJobs.filter((job) => job.type === MailDeliveryJob || job.type.prototype instanceof MailDeliveryJob)
      .map((job) => ({ mailer: job.args[0] as string, action: job.args[1] as string, args: job.args[2] as unknown[], job }));
  }

  /** Forgets the sent messages. */
  clear(): void {
    this.transport.clear();
  }
}
