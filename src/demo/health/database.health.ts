import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { OutboxStore } from '../../active-job';
import { OUTBOX } from '../database';

/**
 * Database readiness: the SQLite file answers, so a signup (the user and its jobs, in one
 * transaction) can be stored. Reports how many jobs wait in the outbox for Redis: a number that
 * keeps growing means no relay reaches Redis.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(OUTBOX) private readonly outbox: OutboxStore,
  ) {}

  async isHealthy(key = 'database') {
    const check = this.indicators.check(key);
    try {
      return check.up({ jobsWaitingInOutbox: await this.outbox.count() });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
