import { Module } from '@nestjs/common';
import { ActiveJobModule } from '../../../src/active-job';
import { ReminderJob } from '../jobs/reminder.job';
import { WelcomeEmailJob } from '../jobs/welcome-email.job';
import { OutboxModule } from '../support/testing-app';
import { SignupController } from './signup.controller';
import { UsersService } from './users.service';

/** An application as it runs in production: jobs go to Bull on the Redis at REDIS_URL. */
@Module({
  imports: [
    ActiveJobModule.forRootAsync({
      useFactory: () => ({ adapter: 'bull', connection: process.env.REDIS_URL, worker: { enabled: process.env.WORKER === '1' } }),
    }),
    ActiveJobModule.forFeature([WelcomeEmailJob, ReminderJob], { imports: [OutboxModule] }),
    OutboxModule,
  ],
  controllers: [SignupController],
  providers: [UsersService],
})
export class SignupAppModule {}
