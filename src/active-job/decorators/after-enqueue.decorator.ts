import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Runs after the job was enqueued (ActiveJob's `after_enqueue`).
 * Several run in reverse declaration order, as in Rails; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @AfterEnqueue()
 *   countEnqueued() {
 *     this.metrics.increment('welcome_email.enqueued');
 *   }
 * }
 * @publicApi
 */
export const AfterEnqueue = (): MethodDecorator => callbackDecorator('afterEnqueue');
