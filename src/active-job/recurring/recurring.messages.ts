// User-facing messages of recurring tasks (`@Recurring`, `recurring` module option, RecurringTasks), as functions,
// in one place.
import { errorText } from '../utils/error-text';

export const RECURRING_KEY_REQUIRED = (at: string) => `${at}: key is required in module options, e.g. 'nightly-report'`;

export const CRON_AND_EVERY = (at: string) => `${at} needs either cron or every, not both`;

export const DUPLICATE_RECURRING_KEY = (key: string) => `Two recurring tasks have the key "${key}"; give each @Recurring or recurring entry its own key`;

export const BAD_RECURRING_KEY = (at: string, key: unknown) => `${at}: key must be a non-empty string, got ${JSON.stringify(key)}`;

export const BAD_RECURRING_ARGS = (at: string, args: unknown) => `${at}: args must be an array of perform's arguments, got ${JSON.stringify(args)}`;

export const SCHEDULE_CRON_AND_EVERY = (at: string) => `${at} needs either a cron expression or every, not both`;

export const SCHEDULE_MISSING = (at: string) => `${at} needs a cron expression or every`;

export const BAD_TIME_ZONE = (at: string, tz: unknown) => `${at}: tz must be an IANA time zone such as 'Europe/Paris', got ${JSON.stringify(tz)}`;

export const EVERY_TOO_SHORT = (at: string, every: unknown) => `${at}: every must be at least 1s, got ${JSON.stringify(every)}`;

export const CRON_NOT_A_STRING = (at: string, cron: unknown) => `${at}: the cron expression must be a string, got ${JSON.stringify(cron)}`;

export const BAD_CRON = (at: string, cron: string, error: unknown) => `${at}: invalid cron expression ${JSON.stringify(cron)}: ${errorText(error)}`;

export const RECURRING_SYNC_FAILED = (retryMs: number, error: unknown) =>
  `Could not store the recurring tasks (retrying in ${retryMs} ms): ${errorText(error)}`;

export const RECURRING_TASK_STALE = (key: string) =>
  `Recurring task "${key}" is declared differently in Redis (another deployment started later): this process leaves it alone`;

export const RECURRING_TICK_FAILED = (key: string, tick: number, error: unknown) =>
  `Recurring task "${key}" could not enqueue its tick of ${new Date(tick).toISOString()}: ${errorText(error)}`;
