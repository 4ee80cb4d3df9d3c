import { ApplicationJob, Job } from '../../../src/active-job';
import { PerformedLog } from '../../jobs/performed-log';

/** Records that it ran; nothing else. */
@Job({ queue: 'noted' })
export class NotedJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  perform(note: string): void {
    this.log.record({ job: 'NotedJob', args: [note], jobId: this.jobId });
  }
}
