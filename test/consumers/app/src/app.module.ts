import { Module } from '@nestjs/common';
import { ActiveJobModule } from 'nestjs-active-job';
import { AppController } from './app.controller.js';
import { WelcomeEmailJob } from './jobs/welcome-email.job.js';
import { QueueProbe } from './queue-probe.js';
import { UsersModule } from './users/users.module.js';

/** The jobs and their connection, shared by the web and the worker entry points. */
export const jobsImports = [
  ActiveJobModule.forRoot({
    connection: process.env.REDIS_URL, // unset: jobs run in this process (the async adapter)
    prefix: process.env.QUEUE_PREFIX,
    worker: { enabled: process.env.WORKER === 'true' }, // web processes enqueue, workers consume
  }),
  ActiveJobModule.forFeature([WelcomeEmailJob], { imports: [UsersModule] }),
];

@Module({ imports: [...jobsImports, UsersModule], controllers: [AppController], providers: [QueueProbe] })
export class AppModule {}

@Module({ imports: jobsImports })
export class WorkerModule {}
