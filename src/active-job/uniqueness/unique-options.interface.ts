import type { Duration } from '../interfaces/duration.type';

/** When a unique job's lock goes, letting the next job with the same key be enqueued. */
export type UniqueUntil = 'enqueued' | 'started' | 'finished';

/** `@Job({ unique })`: one job per key at a time (Sidekiq Enterprise's `unique_for`, Laravel's `ShouldBeUnique`). */
export interface UniqueOptions {
  /** The key from `perform`'s arguments: jobs of this class with the same key are duplicates. */
  key: (...args: any[]) => string;
  /** The lock's longest life, e.g. `'10m'`: it expires by itself then, also when a worker died holding it. */
  for: Duration;
  /**
   * `'finished'` (default): until the job completes, is discarded or fails for the last time;
   * `'started'`: until it starts running; `'enqueued'`: for the whole `for`, whatever the job does (a throttle).
   */
  until?: UniqueUntil;
}
