import { Module } from '@nestjs/common';
import { ActiveJobModule } from 'nestjs-active-job';
import { AppController } from './app.controller.js';
import { WelcomeEmailJob } from './jobs/welcome-email.job.js';
import { QueueProbe } from './queue-probe.js';
import { UsersModule } from './users/users.module.js';

/** The same jobs and connection for both processes; only the worker consumes. */
function activeJob(worker: boolean) {
  return [
    ActiveJobModule.forRoot({
      connection: process.env.REDIS_URL, // unset: jobs run in this process (the async adapter)
      prefix: process.env.QUEUE_PREFIX,
      worker: { enabled: worker },
    }),
    ActiveJobModule.forFeature([WelcomeEmailJob], { imports: [UsersModule] }),
  ];
}

/** The web process: HTTP, enqueues only. */
@Module({ imports: [...activeJob(false), UsersModule], controllers: [AppController], providers: [QueueProbe] })
export class AppModule {}

/** The worker process: performs the jobs, no HTTP. */
@Module({ imports: activeJob(true) })
export class WorkerModule {}
