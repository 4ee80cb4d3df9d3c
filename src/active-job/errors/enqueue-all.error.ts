import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import { EnqueueError } from './enqueue.error';

/** Some jobs of a `performAllLater` were not enqueued; `enqueued` lists those that were. */
export class EnqueueAllError extends EnqueueError {
  constructor(
    readonly enqueued: EnqueuedJob[],
    readonly failed: { index: number; error: Error }[],
  ) {
    super(`${failed.length} of ${enqueued.length + failed.length} jobs were not enqueued; first error: ${failed[0]?.error.message}`, {
      cause: failed[0]?.error,
    });
  }
}
