import type { Queue } from 'bull';

/**
 * Bull looks a job's handler up as `handlers[job.name] || handlers['*']` in a plain object, so a job
 * named `toString` or `constructor` finds Object.prototype's method instead of our '*' dispatcher,
 * is never handed over and stays active. Without a prototype every unknown name reaches '*'.
 */
export function dispatchEveryName(queue: Queue): void {
  Object.setPrototypeOf((queue as Queue & { handlers: object }).handlers, null);
}
