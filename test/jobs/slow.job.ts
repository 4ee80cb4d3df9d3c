import { ApplicationJob, Job } from '../../src/active-job';
import { PerformedLog } from './performed-log';

/** Sleeps `ms`, then records; honours its AbortSignal so a timeout stops it. */
@Job({ queue: 'slow' })
export class SlowJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(ms: number): Promise<void> {
    this.log.record({ job: 'SlowJob:start', args: [ms] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      this.signal.addEventListener('abort', () => (clearTimeout(timer), reject(this.signal.reason)));
    });
    this.log.record({ job: 'SlowJob', args: [ms] });
  }
}
