import { Inject, Injectable } from '@nestjs/common';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { JsonServiceClient, SelfUrl } from '../http';
import type { CrmContact, UpsertOutcome } from './crm-contact';

/** Path of the fake CRM's API on the demo's own web process. */
export const FAKE_CRM_API = '/fake-crm/api';

/**
 * The CRM over HTTP: `PUT {CRM_URL}/contacts/{email}` with the contact as JSON, an upsert by email,
 * so sending the same contact twice leaves one contact. Without CRM_URL, the demo's fake CRM.
 */
@Injectable()
export class CrmClient extends JsonServiceClient {
  constructor(@Inject(DEMO_CONFIG) config: DemoConfig, self: SelfUrl) {
    super({ name: 'CRM', url: config.crmUrl, fakePath: FAKE_CRM_API, timeoutMs: config.crmTimeoutMs }, self);
  }

  async upsertContact(contact: CrmContact, signal: AbortSignal): Promise<UpsertOutcome> {
    const response = await this.send({
      method: 'PUT',
      path: `/contacts/${encodeURIComponent(contact.email.toLowerCase())}`,
      body: JSON.stringify(contact),
      signal,
    });
    const outcome = (response.body as { outcome?: unknown } | null)?.outcome;
    if (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged') return outcome;
    return response.status === 201 ? 'created' : 'updated';
  }
}
