// What the test kit says when it is used wrongly (TestHelperUsageError), as functions in one place, as the
// core keeps its messages in active-job.messages.ts. `got` is the offending value, already described.

export const NO_JOB_TEST_HELPER = () => 'No JobTestHelper yet: call JobTestHelper.from(app) (e.g. in beforeEach) before using the ActiveJob matchers';

export const NO_MAIL_TEST_HELPER = () => 'No MailTestHelper yet: call MailTestHelper.from(app) (e.g. in beforeEach) before using the mail matchers';

export const ONLY_AND_EXCEPT = (caller: string) => `${caller} takes only or except, not both`;

export const BAD_QUEUE_FILTER = (caller: string, queue: unknown) => `${caller} queue must be a queue name, got ${String(queue)}`;

export const NOT_A_JOB_CLASS_FOR = (name: string, got: string) => `${name} takes a job class (one that extends ApplicationJob), got ${got}`;

export const BAD_QUEUE_MATCHER = (queue: unknown) => `toHaveBeenEnqueuedOn() takes a queue name, an asymmetric matcher or a predicate, got ${String(queue)}`;

export const BAD_TIMES = (count: unknown) => `toHaveBeenEnqueuedTimes() takes a whole number, got ${String(count)}`;

export const RECEIVED_NOT_A_JOB_CLASS = (matcher: string, got: string) =>
  `expect(received).${matcher}(): received must be a job class (one that extends ApplicationJob), got ${got}`;

export const RECEIVED_NOT_A_MAILER = (received: unknown) =>
  `expect(received).toHaveBeenDeliveredLater(): received must be a mailer class, got ${String(received)}`;

export const BAD_MAILER_ACTION = (action: unknown) => `toHaveBeenDeliveredLater() takes the mailer method's name, got ${String(action)}`;

export const CALLBACK_NOT_LAST = (caller: string, got: string) => `${caller} takes a callback last, got ${got}`;

export const OPTIONS_NOT_AN_OBJECT = (caller: string, got: string) => `${caller} takes an options object, got ${got}`;

export const BAD_JOB_COUNT = (caller: string, got: string) => `${caller} takes a whole number of jobs, got ${got}`;

export const UNKNOWN_HELPER_OPTION = (caller: string, option: string, known: readonly string[]) =>
  `${caller} has no option "${option}"; its options are ${known.join(', ')}`;

export const BAD_TIME = (name: string, got: string) => `${name} must be a valid Date or epoch milliseconds, got ${got}`;

export const MAIL_HELPER_NEEDS_TEST_TRANSPORT = (transport: string) =>
  `MailTestHelper needs MailerModule.forRoot({ transport: 'test' }); this application sends through ${transport}`;
