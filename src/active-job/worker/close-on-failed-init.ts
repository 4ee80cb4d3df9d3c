import type { ConsumingAdapter } from '../adapters/consuming-adapter.interface';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';

/**
 * Runs a startup step of the module and, when it fails, closes the adapter's connections before
 * passing the error on. Nest calls no shutdown hook for an application that failed to start, and the
 * Redis sockets the adapter opened while providers were created would keep the process alive: an
 * app created with `abortOnError: false` (as tests do) would hang instead of exiting.
 */
export async function closeOnFailedInit(adapter: QueueAdapter, step: () => void | Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    await (adapter as Partial<ConsumingAdapter>).close?.().catch(() => undefined); // the step's error is the one to report
    throw error;
  }
}
