import type { ErrorClass, RetryOnOptions } from '../exceptions/exception-handler.interface';
import { checkErrorClasses, declareExceptionHandler, handlerKey } from '../exceptions/exception-handlers';

/**
 * Retries the job when `perform` throws one of these errors (ActiveJob's `retry_on`): it is
 * enqueued again after `wait`, with Bull doing the waiting, until `attempts` runs (the first
 * included) are used; then the error fails the job, or `onExhausted` runs instead.
 * Handlers are searched from the last declared.
 *
 * @example
 * @RetryOn(SmtpConnectionError, { wait: 'polynomiallyLonger', attempts: 5 })
 * @RetryOn([TimeoutError, EconnresetError], { wait: '30s', attempts: 'unlimited' })
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob { ... }
 * @publicApi
 */
export function RetryOn(errors: ErrorClass | ErrorClass[], options: RetryOnOptions = {}): ClassDecorator {
  const errorClasses = checkErrorClasses([errors].flat(), '@RetryOn');
  return (target) => declareExceptionHandler(target, { kind: 'retry', errors: errorClasses, key: handlerKey(errorClasses), options });
}
