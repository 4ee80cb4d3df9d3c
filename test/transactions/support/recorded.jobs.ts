import { ApplicationJob, EnqueueAfterCommit, Job } from '../../../src/active-job';

@Job({ queue: 'signups' })
export class SignupJob extends ApplicationJob {
  async perform(userId: number): Promise<void> {
    void userId;
  }
}

@EnqueueAfterCommit(false)
@Job({ queue: 'signups' })
export class AuditJob extends ApplicationJob {
  async perform(note: string): Promise<void> {
    void note;
  }
}
