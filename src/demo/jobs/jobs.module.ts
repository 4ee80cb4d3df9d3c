import { Module } from '@nestjs/common';
import { ActiveJobModule } from '../../active-job';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { WelcomeEmailJob } from './welcome-email.job';

const jobs = ActiveJobModule.forFeature([WelcomeEmailJob], { imports: [UsersModule, MailModule] });

/** The demo's job classes, with the modules they inject from, and their queues. */
@Module({ imports: [jobs], exports: [jobs] })
export class JobsModule {}
