import { ApplicationJob, Job, RetryOn } from '../../../src/active-job';
import { PerformedLog } from '../../jobs/performed-log';

export class TooManyRequestsError extends Error {}

/** Answered "429, retry after 1 s" on its first run; the second run goes through. Also retries on a real error. */
@Job({ queue: 'rate-limited' })
@RetryOn(TooManyRequestsError, { wait: 0, attempts: 2 })
export class RateLimitedJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }

  async perform(mode: 'retry-after' | 'error-then-retry-after'): Promise<void> {
    this.log.record({ job: 'RateLimitedJob', args: [mode], executions: this.executions, jobId: this.jobId });
    const runs = this.log.entries.filter((entry) => entry.jobId === this.jobId).length;
    if (mode === 'retry-after' && runs === 1) return this.retryAfter('500ms');
    if (mode === 'error-then-retry-after' && runs === 1) throw new TooManyRequestsError('first');
    if (mode === 'error-then-retry-after' && runs === 2) return this.retryAfter(0);
  }
}
