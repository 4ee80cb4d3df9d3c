import { Inject, Injectable } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { JsonServiceClient, SelfUrl } from '../http';
import type { UserSignedUpEvent } from './user-signed-up.event';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** Path the fake partner receives webhooks on, on the demo's own web process. */
export const FAKE_PARTNER_EVENTS = '/fake-partner/events';

/**
 * Posts events to the partner's WEBHOOK_URL (or the demo's fake partner): signed with
 * WEBHOOK_SECRET, the event id as Idempotency-Key.
 */
@Injectable()
export class PartnerWebhookClient extends JsonServiceClient {
  private readonly secret: string;

  constructor(@Inject(DEMO_CONFIG) config: DemoConfig, self: SelfUrl) {
    super({ name: 'Partner webhook', url: config.webhookUrl, fakePath: FAKE_PARTNER_EVENTS, timeoutMs: config.webhookTimeoutMs }, self);
    this.secret = config.webhookSecret;
  }

  async deliver(event: UserSignedUpEvent, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify(event);
    await this.send({
      method: 'POST',
      body,
      // Signed now, at each delivery: a retry an hour later must not look like a replay.
      headers: { [SIGNATURE_HEADER]: signWebhook(this.secret, body), [IDEMPOTENCY_HEADER]: event.id, 'X-Event-Type': event.type },
      signal,
    });
  }
}
