import { ApplicationJob, Job } from '../../../src/active-job';
import { Outbox } from './outbox';

/** Non-JSON arguments (a Date, a Set) and a priority, on the default queue. */
@Job({ priority: 5 })
export class ReminderJob extends ApplicationJob {
  constructor(private readonly outbox: Outbox) {
    super();
  }

  async perform(userId: number, options: { since: Date; topics: Set<string> }): Promise<void> {
    this.outbox.deliver({ to: userId, kind: `reminder:${[...options.topics].join(',')}` });
  }
}
