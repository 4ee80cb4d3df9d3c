import { parseExpression } from 'cron-parser';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { Duration } from '../interfaces/duration.type';
import { toMilliseconds } from '../utils/duration';
import { BAD_CRON, BAD_TIME_ZONE, CRON_NOT_A_STRING, EVERY_TOO_SHORT, SCHEDULE_CRON_AND_EVERY, SCHEDULE_MISSING } from './recurring.messages';

const MIN_EVERY_MS = 1_000;

/** When a recurring task ticks: a cron expression in a time zone (cron-parser handles DST), or a fixed interval. */
export class Schedule {
  private constructor(
    readonly cron: string | null,
    readonly everyMs: number | null,
    readonly tz: string,
  ) {}

  static parse(cron: string | undefined, every: Duration | undefined, tz: string | undefined, at: string): Schedule {
    if (cron !== undefined && every !== undefined) throw new InvalidJobOptionsError(SCHEDULE_CRON_AND_EVERY(at));
    if (cron === undefined && every === undefined) throw new InvalidJobOptionsError(SCHEDULE_MISSING(at));
    const zone = tz ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      throw new InvalidJobOptionsError(BAD_TIME_ZONE(at, tz));
    }
    if (every !== undefined) {
      const everyMs = toMilliseconds(every, `${at}: every`);
      if (everyMs < MIN_EVERY_MS) throw new InvalidJobOptionsError(EVERY_TOO_SHORT(at, every));
      return new Schedule(null, everyMs, zone);
    }
    if (typeof cron !== 'string') throw new InvalidJobOptionsError(CRON_NOT_A_STRING(at, cron));
    const schedule = new Schedule(cron.trim(), null, zone);
    try {
      schedule.next(Date.now());
    } catch (error) {
      throw new InvalidJobOptionsError(BAD_CRON(at, cron, error));
    }
    return schedule;
  }

  /** The first tick strictly after `afterMs`. */
  next(afterMs: number): number {
    if (this.everyMs !== null) return (Math.floor(afterMs / this.everyMs) + 1) * this.everyMs;
    return parseExpression(this.cron!, { currentDate: new Date(afterMs), tz: this.tz })
      .next()
      .getTime();
  }

  describe(): string {
    return this.cron ?? `every ${this.everyMs} ms`;
  }
}
