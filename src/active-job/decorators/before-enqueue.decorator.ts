import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Runs before the job is enqueued (ActiveJob's `before_enqueue`). `throwAbort()` halts:
 * the job is not enqueued and `performLater` rejects with `EnqueueAbortedError` (returning `false` does not).
 * Befores and arounds run interleaved in declaration order; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @BeforeEnqueue()
 *   async skipUnsubscribed() {
 *     if (await this.users.isUnsubscribed(this.arguments[0] as number)) throwAbort();
 *   }
 * }
 * @publicApi
 */
export const BeforeEnqueue = (): MethodDecorator => callbackDecorator('beforeEnqueue');
