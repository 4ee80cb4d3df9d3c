import { ApplicationJob, Job } from '../../../src/active-job';

/** Enqueues itself from perform(), without end. */
@Job()
export class RunawayJob extends ApplicationJob {
  async perform(round: number): Promise<void> {
    await RunawayJob.performLater(round + 1);
  }
}
