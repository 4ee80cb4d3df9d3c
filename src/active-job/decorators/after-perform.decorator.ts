import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Runs after `perform` succeeded (ActiveJob's `after_perform`).
 * Several run in reverse declaration order, as in Rails; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @AfterPerform()
 *   closeSpan() {
 *     this.tracer.end(this.jobId);
 *   }
 * }
 * @publicApi
 */
export const AfterPerform = (): MethodDecorator => callbackDecorator('afterPerform');
