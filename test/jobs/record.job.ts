import { ApplicationJob, Job } from '../../src/active-job';
import { PerformedLog } from './performed-log';

@Job({ queue: 'records' })
export class RecordJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(label: string, payload?: unknown): Promise<string> {
    this.log.record({ job: 'RecordJob', args: [label, payload], executions: this.executions, jobId: this.jobId });
    return `recorded ${label}`;
  }
}
