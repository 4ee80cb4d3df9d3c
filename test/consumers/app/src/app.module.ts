import { type DynamicModule, Module } from '@nestjs/common';
import { ActiveJobModule } from 'nestjs-active-job';
import { MailerModule } from 'nestjs-active-job/mailer';
import { AccountMailer } from './accounts/account-mailer.js';
import { ACCOUNTS_DATABASE } from './accounts/accounts-database.interface.js';
import { openAccountsDatabase } from './accounts/accounts-database.js';
import { AccountsController } from './accounts/accounts.controller.js';
import { AppController } from './app.controller.js';
import { WelcomeEmailJob } from './jobs/welcome-email.job.js';
import { QueueProbe } from './queue-probe.js';
import { UsersModule } from './users/users.module.js';

// SQLite or PostgreSQL, by template; with none configured (the unit spec), no accounts feature.
const accounts = openAccountsDatabase();

/** The same jobs, connection, mail and outbox for both processes; only the worker consumes. */
function activeJob(worker: boolean): DynamicModule[] {
  return [
    ActiveJobModule.forRoot({
      connection: process.env.REDIS_URL, // unset: jobs run in this process (the async adapter)
      prefix: process.env.QUEUE_PREFIX,
      worker: { enabled: worker },
      transactions: accounts ? { outbox: accounts.outbox } : undefined,
    }),
    ActiveJobModule.forFeature([WelcomeEmailJob], { imports: [UsersModule] }),
    MailerModule.forRoot({ transport: process.env.MAIL_DIR ? { outbox: process.env.MAIL_DIR } : 'test', previews: !worker }),
  ];
}

const accountsFeature = accounts
  ? { controllers: [AccountsController], providers: [{ provide: ACCOUNTS_DATABASE, useValue: accounts }] }
  : { controllers: [], providers: [] };

/** The web process: HTTP, enqueues only. */
@Module({
  imports: [...activeJob(false), UsersModule],
  controllers: [AppController, ...accountsFeature.controllers],
  providers: [QueueProbe, AccountMailer, ...accountsFeature.providers],
})
export class AppModule {}

/** The worker process: performs the jobs (the outbox relay runs here too), no HTTP. */
@Module({ imports: activeJob(true), providers: [AccountMailer] })
export class WorkerModule {}
