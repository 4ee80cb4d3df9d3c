import { callbackDecorator } from '../callbacks/callback-metadata';

/**
 * Runs before `perform` (ActiveJob's `before_perform`); `throwAbort()` skips `perform`
 * (returning `false` does not). Befores and arounds run interleaved in declaration order; inside, `this.jobId`, `this.arguments` and the other run details work.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   @BeforePerform()
 *   openSpan() {
 *     this.tracer.start(this.jobId);
 *   }
 * }
 * @publicApi
 */
export const BeforePerform = (): MethodDecorator => callbackDecorator('beforePerform');
