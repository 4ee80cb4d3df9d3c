import type { ApplicationMailer, MailerAction, MailerType } from '../mailer/application-mailer';
import { TestHelperUsageError } from './test-helper-usage.error';
import { formatValue } from './format-jobs';
import { MailTestHelper } from './mail-test-helper';
import type { MatcherContext } from './matchers';
import type { ExpectedArguments } from './values-match';
import { BAD_MAILER_ACTION, RECEIVED_NOT_A_MAILER } from './testing.messages';

/**
 * Jest matchers on mailer classes, read from `MailTestHelper.current`. Register once:
 * `expect.extend(mailerMatchers)`.
 *
 * @example
 * expect.extend(mailerMatchers);
 * expect(UserMailer).toHaveBeenDeliveredLater('welcomeEmail', user.id);
 * expect(UserMailer).not.toHaveBeenDeliveredLater('resetPassword');
 * @publicApi
 */
export const mailerMatchers = {
  toHaveBeenDeliveredLater(this: MatcherContext, received: unknown, action: unknown, ...expectedArgs: unknown[]) {
    if (typeof received !== 'function') throw new TestHelperUsageError(RECEIVED_NOT_A_MAILER(received));
    if (typeof action !== 'string') throw new TestHelperUsageError(BAD_MAILER_ACTION(action));
    const all = MailTestHelper.current.enqueuedDeliveries;
    const mine = all.filter((delivery) => delivery.mailer === received.name && delivery.action === action);
    // Without arguments it matches any call of the method, as toHaveBeenEnqueued does.
    const matching = expectedArgs.length === 0 ? mine : mine.filter((delivery) => this.equals(delivery.args, expectedArgs));
    const label = `${received.name}.${action}`;
    const hint = this.utils.matcherHint('toHaveBeenDeliveredLater', received.name, 'action, ...args', { isNot: this.isNot, promise: this.promise });
    const listed = all.length
      ? ['Enqueued deliveries:', ...all.map((delivery) => `  ${delivery.mailer}.${delivery.action}(${delivery.args.map(formatValue).join(', ')})`)]
      : ['No deliveries were enqueued.'];
    return {
      pass: matching.length > 0,
      message: () =>
        matching.length > 0
          ? [
              hint,
              '',
              `Expected ${label} not to have been delivered later${expectedArgs.length ? ` with ${this.utils.printExpected(expectedArgs)}` : ''}, but it was.`,
            ].join('\n')
          : [
              hint,
              '',
              `Expected ${label} to have been delivered later${expectedArgs.length ? ` with ${this.utils.printExpected(expectedArgs)}` : ''}, but it was not.`,
              ...listed,
            ].join('\n'),
    };
  },
};

type MethodArguments<M, A> = A extends keyof M ? (M[A] extends (...args: infer P) => any ? P : never) : never;

/** Types of the mail matchers, for `jest.Matchers` and `expect`'s `Matchers`. */
export interface MailerMatchers<R, T = unknown> {
  /** `deliverLater` was called for this mailer method (with exactly these arguments, when given). */
  toHaveBeenDeliveredLater<A extends (T extends MailerType<infer M extends ApplicationMailer> ? MailerAction<M> : string)>(
    action: A,
    ...args: T extends MailerType<infer M extends ApplicationMailer> ? ExpectedArguments<MethodArguments<M, A>> | [] : unknown[]
  ): R;
}
