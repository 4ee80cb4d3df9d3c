import type { ApplicationJob } from '../application-job';
import { callbacksOf } from './callback-metadata';

/** The before, around and after callbacks of one event (enqueue or perform) of one job class. */
export interface CallbackChain {
  before: (string | symbol)[];
  around: (string | symbol)[];
  after: (string | symbol)[];
}

/** The chain of a class without callbacks: one shared object, so the hot paths can skip the machinery by identity. */
export const NO_CALLBACKS: CallbackChain = Object.freeze({ before: [], around: [], after: [] });

export function callbackChain(type: Function, event: 'Enqueue' | 'Perform'): CallbackChain {
  const chain = {
    before: callbacksOf(type, `before${event}`),
    around: callbacksOf(type, `around${event}`),
    after: callbacksOf(type, `after${event}`),
  };
  return chain.before.length + chain.around.length + chain.after.length === 0 ? NO_CALLBACKS : chain;
}

/**
 * Runs `body` inside the chain, as ActiveJob's run_callbacks: befores in order (one returning
 * `false` halts), arounds nested in order (one not calling `next` halts), then `body`, then
 * afters in order. Resolves to whether `body` ran.
 */
export async function runCallbackChain(job: ApplicationJob, chain: CallbackChain, body: () => Promise<void>): Promise<boolean> {
  const callable = job as unknown as Record<string | symbol, (...args: unknown[]) => unknown>;
  for (const method of chain.before) {
    if ((await callable[method]()) === false) return false;
  }
  let ran = false;
  const nested = chain.around.reduceRight<() => Promise<void>>(
    (next, method) => async () => {
      await callable[method](next);
    },
    async () => {
      await body();
      ran = true;
    },
  );
  await nested();
  if (!ran) return false;
  for (const method of chain.after) await callable[method]();
  return true;
}
