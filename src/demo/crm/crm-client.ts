import { Inject, Injectable } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { SelfUrl, sendJson } from '../http';
import type { CrmContact, UpsertOutcome } from './crm-contact';

/** Path of the fake CRM's API on the demo's own web process. */
export const FAKE_CRM_API = '/fake-crm/api';

/**
 * The CRM over HTTP: `PUT {CRM_URL}/contacts/{email}` with the contact as JSON, an upsert by email,
 * so sending the same contact twice leaves one contact. Without CRM_URL, the demo's fake CRM.
 */
@Injectable()
export class CrmClient {
  constructor(
    @Inject(DEMO_CONFIG) private readonly config: DemoConfig,
    private readonly self: SelfUrl,
  ) {}

  async upsertContact(contact: CrmContact, signal: AbortSignal): Promise<UpsertOutcome> {
    const response = await sendJson({
      service: 'CRM',
      method: 'PUT',
      url: `${this.baseUrl()}/contacts/${encodeURIComponent(contact.email.toLowerCase())}`,
      body: JSON.stringify(contact),
      signal,
      timeoutMs: this.config.crmTimeoutMs,
    });
    const outcome = (response.body as { outcome?: unknown } | null)?.outcome;
    if (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged') return outcome;
    return response.status === 201 ? 'created' : 'updated';
  }

  private baseUrl(): string {
    return (this.config.crmUrl ?? `${this.self.base}${FAKE_CRM_API}`).replace(/\/+$/, '');
  }
}
