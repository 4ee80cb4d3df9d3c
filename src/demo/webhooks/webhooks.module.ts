import { Module } from '@nestjs/common';
import { SelfUrl } from '../http';
import { PartnerWebhookClient } from './partner-webhook.client';

/** `PartnerWebhookClient`, posting to WEBHOOK_URL or to the demo's fake partner. */
@Module({ providers: [PartnerWebhookClient, SelfUrl], exports: [PartnerWebhookClient] })
export class WebhooksModule {}
