import { Injectable } from '@nestjs/common';
import type { CrmContact, UpsertOutcome } from '../crm';

/** A contact as the fake CRM keeps it: what was sent, and what the writes did. */
export interface StoredContact extends CrmContact {
  createdAt: Date;
  updatedAt: Date;
  /** Upserts received for this email, changing or not. */
  requests: number;
  /** Upserts that changed something, the creation included. */
  changes: number;
}

/** The fake keeps this many contacts, dropping the least recently written: a demo must not grow without end. */
export const FAKE_CRM_CAPACITY = 1_000;

/** The fake CRM's contacts, in this process's memory (gone on restart). */
@Injectable()
export class FakeCrmStore {
  private readonly contacts = new Map<string, StoredContact>();

  /** Creates or updates the contact of `contact.email` (case-insensitive); the same data twice changes nothing. */
  upsert(contact: CrmContact, now = new Date()): { outcome: UpsertOutcome; contact: StoredContact } {
    const key = contact.email.toLowerCase();
    const existing = this.contacts.get(key);
    if (existing) {
      existing.requests += 1;
      const changed = existing.name !== contact.name || existing.externalId !== contact.externalId || existing.signedUpAt !== contact.signedUpAt;
      if (!changed) return { outcome: 'unchanged', contact: existing };
      Object.assign(existing, contact, { updatedAt: now, changes: existing.changes + 1 });
      this.touch(key, existing);
      return { outcome: 'updated', contact: existing };
    }
    const created: StoredContact = { ...contact, createdAt: now, updatedAt: now, requests: 1, changes: 1 };
    this.touch(key, created);
    return { outcome: 'created', contact: created };
  }

  /** Newest first. */
  list(): StoredContact[] {
    return [...this.contacts.values()].reverse();
  }

  private touch(key: string, contact: StoredContact): void {
    this.contacts.delete(key);
    this.contacts.set(key, contact);
    if (this.contacts.size > FAKE_CRM_CAPACITY) this.contacts.delete(this.contacts.keys().next().value!);
  }
}
