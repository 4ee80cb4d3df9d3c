import { ApplicationJob, Job, Recurring } from '../../../src/active-job';
import { PerformedLog } from '../../jobs/performed-log';

/** Ticks every second and on weekday mornings in Paris. */
@Recurring({ every: '1s' }, { key: 'tick-every-second', args: ['every'] })
@Recurring('0 9 * * 1-5', { key: 'tick-weekday-mornings', tz: 'Europe/Paris', args: ['morning'] })
@Job({ queue: 'ticks' })
export class TickJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(kind: string): void {
    this.log.record({ job: 'TickJob', args: [kind, Date.now()], jobId: this.jobId });
  }
}

/** The same job class without schedules: a deployment that removed them. */
@Job({ queue: 'ticks' })
export class UnscheduledJob extends ApplicationJob {
  perform(): void {}
}
