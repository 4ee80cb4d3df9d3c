import { RESCUE_METHOD_MISSING } from '../active-job.messages';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { ErrorClass } from '../exceptions/exception-handler.interface';
import { checkErrorClasses, declareExceptionHandler } from '../exceptions/exception-handlers';

/**
 * Handles these errors instead of failing the job (ActiveJob's `rescue_from`): the handler is a
 * function `(job, error)` or the name of a method of the job, called with the error. A handler
 * that throws fails the job with what it threw.
 *
 * @example
 * @RescueFrom(QuotaExceededError, 'postponeToTomorrow')
 * @Job()
 * export class ReportJob extends ApplicationJob {
 *   async postponeToTomorrow(error: QuotaExceededError) { await this.retryJob({ wait: '1d' }); }
 * }
 * @publicApi
 */
export function RescueFrom<J = any>(errors: ErrorClass | ErrorClass[], handler: string | ((job: J, error: Error) => unknown)): ClassDecorator {
  const errorClasses = checkErrorClasses([errors].flat(), '@RescueFrom');
  return (target) => {
    if (typeof handler === 'string' && typeof target.prototype[handler] !== 'function') {
      throw new InvalidJobOptionsError(RESCUE_METHOD_MISSING(target.name, handler));
    }
    declareExceptionHandler(target, { kind: 'rescue', errors: errorClasses, handler });
  };
}
