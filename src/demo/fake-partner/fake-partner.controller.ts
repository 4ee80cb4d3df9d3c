import { BadRequestException, Controller, Get, Header, Headers, HttpCode, Inject, Post, type RawBodyRequest, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { CONTENT_SECURITY_POLICY } from '../web/content-security-policy';
import { pageLinks } from '../web/page-links';
import { verifyWebhookSignature } from '../webhooks';
import { fakePartnerPage } from './fake-partner-page';
import { FakePartnerStore } from './fake-partner.store';

/**
 * A webhook receiver for `npm start` without WEBHOOK_URL, doing what a partner should: check the
 * signature over the raw body, then store each Idempotency-Key once and acknowledge repeats.
 */
@Controller('fake-partner')
export class FakePartnerController {
  constructor(
    private readonly store: FakePartnerStore,
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  page(): string {
    return fakePartnerPage(this.store.list(), pageLinks(this.config));
  }

  /** 200 for a new event and for a repeat (the sender must stop retrying either way); 400 when the signature or key is wrong. */
  @Post('events')
  @HttpCode(200)
  receive(
    @Req() request: RawBodyRequest<IncomingMessage & { body?: unknown }>,
    @Headers('x-signature') signature?: string,
    @Headers('idempotency-key') key?: string,
  ) {
    // The signature covers the bytes sent, not our re-serialization of them: the app keeps them (rawBody: true).
    if (!request.rawBody) throw new BadRequestException('No raw body to check the signature against: create the app with { rawBody: true }');
    const problem = verifyWebhookSignature(this.config.webhookSecret, signature, request.rawBody.toString('utf8'));
    if (problem) throw new BadRequestException(`Refused webhook: ${problem}`);
    if (!key) throw new BadRequestException('Refused webhook: missing Idempotency-Key header');
    const body = request.body as { type?: unknown } | undefined;
    const { duplicate, event } = this.store.receive(key, typeof body?.type === 'string' ? body.type : 'unknown', body);
    return { received: true, duplicate, deliveries: event.deliveries };
  }
}
