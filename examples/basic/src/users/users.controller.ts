import { Body, Controller, Post } from '@nestjs/common';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';
import type { User } from './user';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Answers at once: the welcome email goes out from a worker. */
  @Post()
  async create(@Body() dto: { email: string; name: string }): Promise<User> {
    const user = await this.users.create(dto);
    await WelcomeEmailJob.performLater(user.id); // or inject JobQueue: this.jobs.performLater(WelcomeEmailJob, user.id)
    return user;
  }
}
