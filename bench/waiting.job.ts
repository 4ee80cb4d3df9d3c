import { ApplicationJob, Job } from '../src/active-job';
import { benchProbe } from './bench.job';

/** An I/O-bound job: it waits `ms` (as a call to a mail server or an API would), using no CPU meanwhile. */
@Job({ queue: 'bench-io' })
export class WaitingJob extends ApplicationJob {
  async perform(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    benchProbe.performed++;
  }
}
