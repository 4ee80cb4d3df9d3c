import { parseExpression } from 'cron-parser';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { Duration } from '../interfaces/duration.type';
import { toMilliseconds } from '../utils/duration';

const MIN_EVERY_MS = 1_000;

/** When a recurring task ticks: a cron expression in a time zone (cron-parser handles DST), or a fixed interval. */
export class Schedule {
  private constructor(
    readonly cron: string | null,
    readonly everyMs: number | null,
    readonly tz: string,
  ) {}

  static parse(cron: string | undefined, every: Duration | undefined, tz: string | undefined, at: string): Schedule {
    if (cron !== undefined && every !== undefined) throw new InvalidJobOptionsError(`${at} needs either a cron expression or every, not both`);
    if (cron === undefined && every === undefined) throw new InvalidJobOptionsError(`${at} needs a cron expression or every`);
    const zone = tz ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      throw new InvalidJobOptionsError(`${at}: tz must be an IANA time zone such as 'Europe/Paris', got ${JSON.stringify(tz)}`);
    }
    if (every !== undefined) {
      const everyMs = toMilliseconds(every, `${at}: every`);
      if (everyMs < MIN_EVERY_MS) throw new InvalidJobOptionsError(`${at}: every must be at least 1s, got ${JSON.stringify(every)}`);
      return new Schedule(null, everyMs, zone);
    }
    if (typeof cron !== 'string') throw new InvalidJobOptionsError(`${at}: the cron expression must be a string, got ${JSON.stringify(cron)}`);
    const schedule = new Schedule(cron.trim(), null, zone);
    try {
      schedule.next(Date.now());
    } catch (error) {
      throw new InvalidJobOptionsError(`${at}: invalid cron expression ${JSON.stringify(cron)}: ${(error as Error).message}`);
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
