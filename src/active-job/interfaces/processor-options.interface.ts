import type { Duration } from './duration.type';

/** How a worker consumes one queue, declared with `@Processor()`. */
export interface ProcessorOptions {
  /** Jobs of this queue run at once in this process. */
  concurrency?: number;
  /** Bull rate limit: at most `max` jobs per `duration` (ms or `'1m'`) across all workers of the queue. */
  limiter?: { max: number; duration: Duration };
}
