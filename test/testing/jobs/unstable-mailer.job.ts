import { ApplicationJob, Job } from '../../../src/active-job';
import { Outbox } from './outbox';

/** Fails on its first `failures` runs, then delivers; retried after a minute. */
@Job({ queue: 'mailers', attempts: 3, backoff: { type: 'fixed', delay: '1m' } })
export class UnstableMailerJob extends ApplicationJob {
  constructor(private readonly outbox: Outbox) {
    super();
  }

  async perform(userId: number, failures: number): Promise<void> {
    if (this.executions <= failures) throw new Error(`SMTP unavailable (run ${this.executions})`);
    this.outbox.deliver({ to: userId, kind: `unstable:run ${this.executions}` });
  }
}
