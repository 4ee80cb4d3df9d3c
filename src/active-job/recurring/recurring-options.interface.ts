import type { Type } from '@nestjs/common';
import type { JobInstance } from '../interfaces/job-instance.interface';
import type { Duration } from '../interfaces/duration.type';

/** Options of `@Recurring(schedule, options)`. */
export interface RecurringOptions {
  /** The task's name, unique in the application. Default: the job class's name (give one when a class has several schedules). */
  key?: string;
  /** IANA time zone the cron expression is read in, e.g. `'Europe/Paris'`. Default `'UTC'`. */
  tz?: string;
  /** Arguments `perform` gets on each run. Default none. */
  args?: unknown[];
  /** Queue to enqueue to instead of the class's. */
  queue?: string;
  /** Priority to enqueue with instead of the class's. */
  priority?: number;
}

/** A schedule: a cron expression (5 fields, or 6 with seconds) or a fixed interval. */
export type RecurringSchedule = string | { every: Duration };

/** A recurring task listed in the module options (Solid Queue's `recurring.yml`). */
export interface RecurringTaskOptions extends RecurringOptions {
  key: string;
  job: Type<JobInstance>;
  /** Cron expression, read in `tz`. */
  cron?: string;
  /** Fixed interval, at least 1 s: ticks fall on multiples of it since the Unix epoch, so every process agrees on them. */
  every?: Duration;
}

/** A recurring task as `RecurringTasks.list()` reports it, from Redis: what the last deployment declared. */
export interface RecurringTaskState {
  key: string;
  jobClass: string;
  /** The cron expression, or `every 5m`. */
  schedule: string;
  tz: string;
  args: unknown[];
  queue: string | null;
  priority: number | null;
  /** The next tick; null while paused. */
  nextRunAt: Date | null;
  /** The last tick that enqueued the job (runNow excluded); null before the first. */
  lastRunAt: Date | null;
  paused: boolean;
}
