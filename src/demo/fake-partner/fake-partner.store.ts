import { Injectable } from '@nestjs/common';

/** An event the fake partner accepted, once however many times it was delivered. */
export interface ReceivedEvent {
  idempotencyKey: string;
  type: string;
  /** The event's JSON, as parsed. */
  body: unknown;
  firstReceivedAt: Date;
  lastReceivedAt: Date;
  /** Deliveries of this key: 1, or more when a retry or a re-run sent it again. */
  deliveries: number;
}

/** The fake keeps this many events (and remembers this many keys): a demo must not grow without end. */
export const FAKE_PARTNER_CAPACITY = 1_000;

/** The fake partner's received events, in this process's memory (gone on restart). */
@Injectable()
export class FakePartnerStore {
  private readonly events = new Map<string, ReceivedEvent>();

  /** Stores an event once per idempotency key; a repeat only counts the delivery. */
  receive(idempotencyKey: string, type: string, body: unknown, now = new Date()): { duplicate: boolean; event: ReceivedEvent } {
    const existing = this.events.get(idempotencyKey);
    if (existing) {
      existing.deliveries += 1;
      existing.lastReceivedAt = now;
      return { duplicate: true, event: existing };
    }
    const event: ReceivedEvent = { idempotencyKey, type, body, firstReceivedAt: now, lastReceivedAt: now, deliveries: 1 };
    this.events.set(idempotencyKey, event);
    if (this.events.size > FAKE_PARTNER_CAPACITY) this.events.delete(this.events.keys().next().value!);
    return { duplicate: false, event };
  }

  /** Newest first. */
  list(): ReceivedEvent[] {
    return [...this.events.values()].reverse();
  }
}
