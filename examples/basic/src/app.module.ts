import { type DynamicModule, Module } from '@nestjs/common';
import { ActiveJobModule } from 'nestjs-active-job';
import { WelcomeEmailJob } from './jobs/welcome-email.job';
import { MailModule } from './mail/mail.module';
import { UsersController } from './users/users.controller';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** One codebase, two processes: the web process enqueues and serves HTTP, the worker consumes. */
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ActiveJobModule.forRoot({
          connection: process.env.REDIS_URL, // unset: the in-process async adapter, in the web process
          worker: { enabled: worker },
        }),
        ActiveJobModule.forFeature([WelcomeEmailJob], { imports: [UsersModule, MailModule] }),
        UsersModule,
      ],
      controllers: worker ? [] : [UsersController],
    };
  }
}
