import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Wraps enqueueing (ActiveJob's `around_enqueue`): call `next()` to enqueue; not calling it aborts.
 * Befores and arounds run interleaved in declaration order; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @AroundEnqueue()
 *   async timeEnqueue(next: () => Promise<void>) {
 *     const started = Date.now();
 *     await next();
 *     this.metrics.timing('enqueue', Date.now() - started);
 *   }
 * }
 * @publicApi
 */
export const AroundEnqueue = (): MethodDecorator => callbackDecorator('aroundEnqueue');
