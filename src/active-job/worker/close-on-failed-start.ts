import { isConsumingAdapter } from '../adapters/consuming-adapter.interface';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';

/**
 * Runs a startup step of the module (an init or bootstrap hook that checks what the app declares)
 * and, when it fails, closes the adapter before passing the error on, then runs `alsoClose`. Nest
 * calls no shutdown hook for an application that failed to start, and the Redis connections the
 * adapter opened while providers were created (or a worker already consuming) would keep the
 * process alive: an app created with `abortOnError: false` (as tests do) would hang instead of exiting.
 */
export async function closeOnFailedStart(adapter: QueueAdapter, step: () => unknown, alsoClose?: () => unknown): Promise<void> {
  try {
    await step();
  } catch (error) {
    // The step's error is the one to report, whatever closing meets.
    if (isConsumingAdapter(adapter)) await adapter.close?.().catch(() => undefined);
    await Promise.resolve()
      .then(alsoClose)
      .catch(() => undefined);
    throw error;
  }
}
