import { Logger } from '@nestjs/common';
import type { JobInstance } from '../interfaces/job-instance.interface';
import { type CallbackEntry, callbackEntriesOf } from './callback-metadata';
import { isCallbackAbort } from './throw-abort';
import { RETURNED_FALSE } from '../active-job.messages';

/** The callbacks of one event (enqueue or perform) of one job class, in the order they run. */
export interface CallbackChain {
  /** Befores and arounds, interleaved in declaration order (ActiveSupport keeps them in one list). */
  wrappers: readonly CallbackEntry[];
  /** Afters, in reverse declaration order. */
  after: readonly (string | symbol)[];
}

/** The chain of a class without callbacks: one shared object, so the hot paths can skip the machinery by identity. */
export const NO_CALLBACKS: CallbackChain = Object.freeze({ wrappers: [], after: [] });

export function callbackChain(type: Function, event: 'Enqueue' | 'Perform'): CallbackChain {
  const entries = callbackEntriesOf(type);
  const wrappers = entries.filter((entry) => entry.kind === `before${event}` || entry.kind === `around${event}`);
  const after = entries
    .filter((entry) => entry.kind === `after${event}`)
    .map((entry) => entry.method)
    .reverse();
  return wrappers.length + after.length === 0 ? NO_CALLBACKS : { wrappers, after };
}

export type ChainOutcome<T> = { ran: true; result: T } | { ran: false };

const logger = new Logger('ActiveJob');
const warnedFalse = new Set<string>();

/**
 * Runs `body` inside the chain, as ActiveSupport's run_callbacks: befores and arounds in declaration
 * order, each around getting `next()` (which resolves to what `body` returned), then the afters in
 * reverse order. A callback that calls `throwAbort()`, or an around that never calls `next`, halts.
 */
export async function runCallbackChain<T>(job: JobInstance, chain: CallbackChain, body: () => Promise<T>): Promise<ChainOutcome<T>> {
  const callable = job as unknown as Record<string | symbol, (...args: unknown[]) => unknown>;
  let outcome: ChainOutcome<T> = { ran: false };
  const invoke = async (index: number): Promise<T | undefined> => {
    if (index === chain.wrappers.length) {
      const result = await body();
      outcome = { ran: true, result };
      return result;
    }
    const { kind, method } = chain.wrappers[index];
    if (kind.startsWith('around')) {
      await callable[method](() => invoke(index + 1));
      return outcome.ran ? outcome.result : undefined;
    }
    if ((await callable[method]()) === false) warnReturnedFalse(job, method);
    return invoke(index + 1);
  };
  try {
    await invoke(0);
  } catch (thrown) {
    if (isCallbackAbort(thrown)) return { ran: false };
    throw thrown;
  }
  if (!outcome.ran) return outcome;
  for (const method of chain.after) await callable[method]();
  return outcome;
}

/** Rails 5 made `throw :abort` the only way to halt; a stray `false` is named once so it is not mistaken for one. */
function warnReturnedFalse(job: JobInstance, method: string | symbol): void {
  const name = `${job.constructor.name}.${String(method)}`;
  if (warnedFalse.has(name)) return;
  warnedFalse.add(name);
  logger.warn(RETURNED_FALSE(name));
}
