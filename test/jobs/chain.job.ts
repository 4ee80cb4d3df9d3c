import { ApplicationJob, Job } from '../../src/active-job';
import { PerformedLog } from './performed-log';
import { RecordJob } from './record.job';

/** Waits, then enqueues a RecordJob: enqueueing from inside a running job, even during shutdown. */
@Job({ queue: 'chains' })
export class ChainJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(label: string, waitMs: number): Promise<void> {
    this.log.record({ job: 'ChainJob:start', args: [label] });
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    await RecordJob.performLater(`${label}:child`);
    this.log.record({ job: 'ChainJob', args: [label] });
  }
}
