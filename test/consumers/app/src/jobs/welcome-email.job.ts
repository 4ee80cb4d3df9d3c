import { ApplicationJob, DiscardOn, Job, RetryOn } from 'nestjs-active-job';
import { SmtpConnectionError, UserMailer } from '../users/user-mailer.js';
import { UserNotFoundError, UsersService } from '../users/users.service.js';

// The README's side-by-side job, as a user writes it, with a stand-in mailer that records what the worker did and fails
// on cue (examples/basic holds the newcomer's copy, with the library's mailer). Kept apart from examples/basic: this
// app is copied into `nest new` apps of both module systems, so it imports with .js and carries the matrix's hooks.
@Job({ queue: 'mailers' })
@RetryOn(SmtpConnectionError, { wait: 200, attempts: 5 })
@DiscardOn(UserNotFoundError)
export class WelcomeEmailJob extends ApplicationJob {
  constructor(
    private readonly users: UsersService,
    private readonly mailer: UserMailer,
  ) {
    super();
  }

  async perform(userId: number): Promise<void> {
    const user = await this.users.find(userId);
    await this.mailer.welcomeEmail(user, this.executions);
  }
}
