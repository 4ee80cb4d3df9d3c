import type { Type } from '@nestjs/common';
import type { JobInstance } from '../interfaces/job-instance.interface';
import type { JobDefinition } from '../job-registry';
import { checkPriority, checkQueueName, unknownKey } from '../validation/option-checks';
import type { Arguments } from '../serialization/arguments';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { RecurringOptions, RecurringSchedule } from './recurring-options.interface';
import { Schedule } from './schedule';
import { UNKNOWN_FLOW_OPTION } from '../coordination/coordination.messages';
import { BAD_RECURRING_ARGS, BAD_RECURRING_KEY } from './recurring.messages';

/** A declared recurring task, checked, with the definition stored in Redis to tell deployments apart. */
export interface RecurringTask {
  key: string;
  type: Type<JobInstance>;
  schedule: Schedule;
  args: unknown[];
  queue: string | undefined;
  priority: number | undefined;
  /** JSON of everything above: a process whose definition differs from the stored one is from another deployment. */
  definition: string;
}

/** What Redis keeps of a task: enough to list it and run it from any process. */
export interface StoredTaskDefinition {
  job: string;
  cron: string | null;
  everyMs: number | null;
  tz: string;
  args: unknown[];
  queue: string | null;
  priority: number | null;
}

const KNOWN = ['key', 'tz', 'args', 'queue', 'priority', 'job', 'cron', 'every'];

export function resolveRecurringTask(
  definition: JobDefinition,
  schedule: RecurringSchedule,
  options: RecurringOptions,
  serializer: Arguments,
  at: string,
): RecurringTask {
  const unknown = unknownKey(options, KNOWN);
  if (unknown)
    throw new InvalidJobOptionsError(
      UNKNOWN_FLOW_OPTION(
        at,
        unknown,
        KNOWN.filter((key) => key !== 'job'),
      ),
    );
  const key = options.key ?? definition.name;
  if (typeof key !== 'string' || key === '') throw new InvalidJobOptionsError(BAD_RECURRING_KEY(at, key));
  const args = options.args ?? [];
  if (!Array.isArray(args)) throw new InvalidJobOptionsError(BAD_RECURRING_ARGS(at, args));
  const parsed =
    typeof schedule === 'string' ? Schedule.parse(schedule, undefined, options.tz, at) : Schedule.parse(undefined, schedule?.every, options.tz, at);
  const queue = options.queue === undefined ? undefined : checkQueueName(options.queue, `${at}: queue`);
  const priority = options.priority === undefined ? undefined : checkPriority(options.priority, `${at}: priority`);
  const stored: StoredTaskDefinition = {
    job: definition.name,
    cron: parsed.cron,
    everyMs: parsed.everyMs,
    tz: parsed.tz,
    args: serializer.serialize(args),
    queue: queue ?? null,
    priority: priority ?? null,
  };
  return { key, type: definition.type, schedule: parsed, args, queue, priority, definition: JSON.stringify(stored) };
}
