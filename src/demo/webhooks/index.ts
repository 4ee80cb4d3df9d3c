export { FAKE_PARTNER_EVENTS, PartnerWebhookClient } from './partner-webhook.client';
export { PartnerWebhookJob } from './partner-webhook.job';
export { type UserSignedUpEvent, userSignedUpEvent } from './user-signed-up.event';
export { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, signWebhook, verifyWebhookSignature } from './webhook-signature';
export { WebhooksModule } from './webhooks.module';
