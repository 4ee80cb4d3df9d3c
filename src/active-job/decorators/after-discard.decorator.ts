import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Runs when the job is discarded for any reason (ActiveJob's `after_discard`): by `@DiscardOn`,
 * or because it failed for good (retries used up, or an error no handler takes on its last attempt).
 * Called with the error.
 * Several run in declaration order; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @AfterDiscard()
 *   reportDiscard(error: Error) {
 *     this.errorTracker.capture(error, { jobId: this.jobId });
 *   }
 * }
 * @publicApi
 */
export const AfterDiscard = (): MethodDecorator => callbackDecorator('afterDiscard');
