import { ApplicationJob, Job } from '../../src/active-job';
import { PerformedLog } from './performed-log';

/** Waits `ms` against a 100 ms timeout; records whether its signal was aborted. */
@Job({ queue: 'timeouts', timeout: 100 })
export class TimeoutJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.log.record({ job: 'TimeoutJob', args: [ms, this.signal.aborted] });
  }
}
