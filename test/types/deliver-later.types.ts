// Checked by `tsc -p test/types` (part of `npm test`): each @ts-expect-error must be an error, or tsc fails.
import { ApplicationMailer, type MailMessage, Mailer, type MessageDelivery } from '../../src/active-job/mailer';
import type { EnqueuedJob } from '../../src/active-job';
import { expect } from '@jest/globals';
import '../../src/active-job/testing/jest';

@Mailer({ defaults: { from: 'hello@example.com' } })
class UserMailer extends ApplicationMailer {
  welcomeEmail(userId: number): MailMessage {
    return this.mail({ to: `user-${userId}@example.com`, subject: 'Welcome' });
  }

  async digest(userId: number, topics: string[], options?: { html: boolean }): Promise<MailMessage> {
    return this.mail({ to: `user-${userId}@example.com`, subject: topics.join(), html: options?.html ? '<p>' : undefined });
  }

  /** Not a message method: not offered by compose(). */
  unsubscribeUrl(userId: number): string {
    return `/unsubscribe/${userId}`;
  }
}

export async function typeChecks(): Promise<void> {
  const delivery: MessageDelivery = UserMailer.compose().welcomeEmail(42);
  const handle: EnqueuedJob = await delivery.deliverLater();
  void handle;
  await UserMailer.compose().welcomeEmail(42).deliverNow();
  await UserMailer.compose().welcomeEmail(42).deliverLater({ wait: '10m', queue: 'mailers', priority: 5 });
  const message: MailMessage = await UserMailer.compose().welcomeEmail(42).message();
  void message;

  // @ts-expect-error a string is not a user id
  UserMailer.compose().welcomeEmail('42');
  // @ts-expect-error the user id is required
  UserMailer.compose().welcomeEmail();
  // @ts-expect-error one argument too many
  UserMailer.compose().welcomeEmail(42, 43);
  // @ts-expect-error unknown deliverLater option
  await UserMailer.compose().welcomeEmail(42).deliverLater({ delay: 10 });

  UserMailer.compose().digest(1, ['jobs']);
  UserMailer.compose().digest(1, ['jobs'], { html: true });
  // @ts-expect-error async methods keep their parameter types
  UserMailer.compose().digest(1, 'jobs');
  // @ts-expect-error only methods that build a message are deliveries
  UserMailer.compose().unsubscribeUrl(1);
  // @ts-expect-error no such method
  UserMailer.compose().farewellEmail(1);
  // @ts-expect-error the abstract base class has no deliveries
  ApplicationMailer.compose();

  expect(UserMailer).toHaveBeenDeliveredLater('welcomeEmail', 42);
  expect(UserMailer).toHaveBeenDeliveredLater('welcomeEmail');
  expect(UserMailer).toHaveBeenDeliveredLater('digest', 1, expect.any(Array));
  // @ts-expect-error the matcher checks the method's arguments
  expect(UserMailer).toHaveBeenDeliveredLater('welcomeEmail', '42');
  // @ts-expect-error and the method's name
  expect(UserMailer).toHaveBeenDeliveredLater('farewellEmail', 42);
}
