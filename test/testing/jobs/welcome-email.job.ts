import { ApplicationJob, Job } from '../../../src/active-job';
import { Outbox } from './outbox';

@Job({ queue: 'mailers' })
export class WelcomeEmailJob extends ApplicationJob {
  constructor(private readonly outbox: Outbox) {
    super();
  }

  async perform(userId: number): Promise<void> {
    this.outbox.deliver({ to: userId, kind: 'welcome' });
  }
}
