import { Body, Controller, Post } from '@nestjs/common';
import { JobQueue } from '../../../src/active-job';
import { ReminderJob } from '../jobs/reminder.job';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';
import { type User, UsersService } from './users.service';

/** Signs a user up and answers at once: the emails go out in the background. */
@Controller('signup')
export class SignupController {
  constructor(
    private readonly users: UsersService,
    private readonly jobs: JobQueue,
  ) {}

  @Post()
  async signUp(@Body('email') email: string): Promise<User> {
    const user = this.users.create(email);
    await WelcomeEmailJob.performLater(user.id);
    await this.jobs.set(ReminderJob, { wait: '3d' }).performLater(user.id, { since: user.createdAt, topics: new Set(['getting-started']) });
    return user;
  }
}
