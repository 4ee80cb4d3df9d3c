import { Module } from '@nestjs/common';
import { ActiveJobModule } from '../../active-job';
import { CrmModule } from '../crm/crm.module';
import { CrmSyncJob } from '../crm/crm-sync.job';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { PartnerWebhookJob } from '../webhooks/partner-webhook.job';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WelcomeEmailJob } from './welcome-email.job';

const jobs = ActiveJobModule.forFeature([WelcomeEmailJob, CrmSyncJob, PartnerWebhookJob], {
  imports: [UsersModule, MailModule, CrmModule, WebhooksModule],
});

/** The demo's job classes, with the modules they inject from, and their queues. */
@Module({ imports: [jobs], exports: [jobs] })
export class JobsModule {}
