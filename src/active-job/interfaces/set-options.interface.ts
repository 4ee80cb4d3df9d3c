import type { Duration } from './duration.type';

/** Per-enqueue overrides, as ActiveJob's `set(wait:, wait_until:, queue:, priority:)`. */
export interface SetOptions {
  /** Delay before the job may run: milliseconds or a string such as `'10m'`. */
  wait?: Duration;
  /** The moment the job may run. Exclusive with `wait`. */
  waitUntil?: Date | number;
  /** Queue to enqueue to instead of the class's. */
  queue?: string;
  /** Priority instead of the class's; 1 is the highest. */
  priority?: number;
}
