/** A contact as the demo keeps it in the CRM: one per email address. */
export interface CrmContact {
  email: string;
  name: string;
  /** The user's id in this app, so the CRM can link back. */
  externalId: string;
  signedUpAt: string;
}

/** What an upsert did: a retried or duplicated job gets `unchanged`. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';
