import type { Duration } from '../interfaces/duration.type';

/** `@Job({ limitsConcurrency })`: at most `to` jobs with the same key run at once (Solid Queue's `limits_concurrency`). */
export interface ConcurrencyLimitOptions {
  /** Jobs with the same key that may run at once, across every worker. Default 1. */
  to?: number;
  /** The key from `perform`'s arguments, e.g. `(accountId) => String(accountId)`. */
  key: (...args: any[]) => string;
  /**
   * How long a slot is held at most, e.g. `'5m'` (default `'3m'`, Solid Queue's): a slot whose worker
   * died, or whose job runs longer, is freed after it.
   */
  duration?: Duration;
  /** Job classes with the same group share their keys' slots. Default: the class name. */
  group?: string;
  /** A job that finds no free slot waits for one (`'block'`, default) or is dropped (`'discard'`). */
  onConflict?: 'block' | 'discard';
}
