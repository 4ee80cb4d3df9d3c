import { BAD_WAIT_UNTIL, WAIT_AND_WAIT_UNTIL } from '../active-job.messages';
import type { EnqueueTarget } from './build-payload';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { SetOptions } from '../interfaces/set-options.interface';
import type { JobDefinition } from '../job-registry';
import { checkPriority, rejectUnknownOptions } from '../validation/option-checks';
import { toMilliseconds } from '../utils/duration';

const SET_OPTION_KEYS = ['wait', 'waitUntil', 'queue', 'priority'];

/** The options of a plain `performLater`: none, so there is nothing to check. */
export const NO_SET_OPTIONS: SetOptions = Object.freeze({});

/**
 * Where and when one job goes: `set()` options over the class's queue and priority (which may
 * be functions of the arguments, as Rails' `queue_as { ... }`), the queue name prefix applied.
 */
export function enqueueTarget(definition: JobDefinition, options: SetOptions | undefined, args: readonly unknown[]): EnqueueTarget {
  if (options === NO_SET_OPTIONS) return { queueName: definition.queueFor(args), priority: definition.priorityFor(args), runAt: null };
  rejectUnknownOptions(options ?? {}, SET_OPTION_KEYS, 'set() option');
  const { wait, waitUntil, queue, priority } = options ?? {};
  if (wait !== undefined && waitUntil !== undefined) throw new InvalidJobOptionsError(WAIT_AND_WAIT_UNTIL());
  return {
    queueName: queue === undefined ? definition.queueFor(args) : definition.queueNamed(queue, 'set() queue'),
    priority: priority === undefined ? definition.priorityFor(args) : checkPriority(priority, 'set() priority'),
    runAt: wait !== undefined ? runAfter(toMilliseconds(wait, 'set() wait')) : waitUntil !== undefined ? runAtTime(waitUntil) : null,
  };
}

function runAfter(ms: number): number | null {
  return ms > 0 ? Date.now() + ms : null;
}

function runAtTime(waitUntil: Date | number): number {
  const time = waitUntil instanceof Date ? waitUntil.getTime() : waitUntil;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new InvalidJobOptionsError(BAD_WAIT_UNTIL(waitUntil));
  }
  return time;
}
