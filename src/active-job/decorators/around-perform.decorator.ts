import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Wraps `perform` (ActiveJob's `around_perform`): call `next()` to perform; it resolves to what `perform` returned
 * (an around that never calls `next` halts).
 * Befores and arounds run interleaved in declaration order; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @AroundPerform()
 *   async withLock(next: () => Promise<void>) {
 *     await this.locks.withLock(`welcome:${this.arguments[0]}`, next);
 *   }
 * }
 * @publicApi
 */
export const AroundPerform = (): MethodDecorator => callbackDecorator('aroundPerform');
