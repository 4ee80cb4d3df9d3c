import { ApplicationJob, Job } from '../../src/active-job';
import { PerformedLog } from './performed-log';

/** Fails until its `executions` reaches `succeedOn`. */
@Job({ queue: 'flaky', attempts: 3, backoff: { type: 'fixed', delay: 50 } })
export class FlakyJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(succeedOn: number): Promise<void> {
    this.log.record({ job: 'FlakyJob', args: [succeedOn], executions: this.executions });
    if (this.executions < succeedOn) throw new Error(`flaky failure on run ${this.executions}`);
  }
}
