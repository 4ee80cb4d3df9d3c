import { RECURRING_METADATA } from '../active-job.constants';
import type { RecurringOptions, RecurringSchedule } from './recurring-options.interface';

export interface RecurringDeclaration {
  schedule: RecurringSchedule;
  options: RecurringOptions;
}

/**
 * Enqueues the job on a schedule (Solid Queue's recurring tasks, Laravel's `schedule->job()->onOneServer()`):
 * exactly once per tick however many workers run. A cron expression read in `tz`, or `{ every }`.
 * Several `@Recurring` on one class need distinct `key`s.
 *
 * @example
 * @Recurring('0 9 * * 1-5', { tz: 'Europe/Paris', args: ['daily'] })
 * @Recurring({ every: '5m' }, { key: 'refresh-often', args: ['quick'] })
 * @Job({ queue: 'reports' })
 * export class ReportJob extends ApplicationJob {
 *   async perform(kind: string) { ... }
 * }
 * @publicApi
 */
export function Recurring(schedule: RecurringSchedule, options: RecurringOptions = {}): ClassDecorator {
  return (target) => {
    const declared: RecurringDeclaration[] = Reflect.getOwnMetadata(RECURRING_METADATA, target) ?? [];
    // Decorators apply bottom-up; unshift keeps the declarations in reading order.
    Reflect.defineMetadata(RECURRING_METADATA, [{ schedule, options }, ...declared], target);
  };
}
