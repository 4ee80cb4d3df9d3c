import type { ErrorClass } from '../exceptions/exception-handler.interface';
import { checkErrorClasses, declareExceptionHandler } from '../exceptions/exception-handlers';

/**
 * Discards the job when `perform` throws one of these errors (ActiveJob's `discard_on`): it is
 * not retried and does not fail; `handler` and `@AfterDiscard` methods run.
 *
 * @example
 * @DiscardOn(UserNotFoundError)
 * @DiscardOn(UnsubscribedError, (job, error) => metrics.increment('welcome.skipped'))
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob { ... }
 * @publicApi
 */
export function DiscardOn<J = any>(errors: ErrorClass | ErrorClass[], handler?: (job: J, error: Error) => unknown): ClassDecorator {
  const errorClasses = checkErrorClasses([errors].flat(), '@DiscardOn');
  return (target) => declareExceptionHandler(target, { kind: 'discard', errors: errorClasses, handler });
}
