import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../../support/wait-until';

/** What the next request about one email gets instead of the normal answer. */
export type Fault =
  /** Answer with this status (and Retry-After), without storing anything. */
  | { status: number; retryAfter?: string; body?: string; afterStoring?: false }
  /** Store as usual, then answer with this status: the sender cannot tell it was stored. */
  | { status: number; afterStoring: true }
  /** Wait this long before handling the request; a client that gives up first shows up as `aborted`. */
  | { delayMs: number };

export interface ServedRequest {
  email: string;
  receivedAt: number;
  headers: IncomingMessage['headers'];
  body: string;
  /** The status sent, once sent. */
  status?: number;
  /** The client closed the connection before we answered. */
  aborted: boolean;
}

/** Shared by the two fakes: a loopback HTTP server whose answers per email can be scripted. */
abstract class ScriptedServer {
  readonly requests: ServedRequest[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private readonly server: Server;
  /** Set by `holdAll`: every request waits for it before it is handled. */
  private gate: Promise<void> | null = null;

  protected constructor() {
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  protected async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next requests about `email` get these answers, in order; then it answers normally. */
  failNext(email: string, ...faults: Fault[]): void {
    this.faults.set(email.toLowerCase(), faults);
  }

  /** Every request from now on waits, unanswered, until `release()` (or until its client hangs up). */
  holdAll(): { release: () => void } {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return { release: () => ((this.gate = null), release()) };
  }

  /** Requests received and not answered yet, whose client is still waiting. */
  inFlight(): ServedRequest[] {
    return this.requests.filter((request) => request.status === undefined && !request.aborted);
  }

  requestsFor(email: string): ServedRequest[] {
    return this.requests.filter((request) => request.email === email.toLowerCase());
  }

  async waitForRequests(email: string, count: number, timeoutMs = 20_000): Promise<ServedRequest[]> {
    return waitFor(
      `${count} answered request(s) about ${email}`,
      () => {
        const done = this.requestsFor(email).filter((request) => request.status !== undefined || request.aborted);
        return done.length >= count && done;
      },
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    this.gate = null;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Which email a request is about, or null when it cannot be told (answered 400). */
  protected abstract emailOf(request: IncomingMessage, body: string): string | null;
  /** The normal answer: applies the request and returns status and JSON body. */
  protected abstract handle(request: IncomingMessage, body: string, served: ServedRequest): { status: number; json: unknown };

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const email = this.emailOf(request, body);
    const served: ServedRequest = { email: email ?? '', receivedAt: Date.now(), headers: request.headers, body, aborted: false };
    this.requests.push(served);
    const closed = new Promise<void>((resolve) =>
      response.on('close', () => {
        if (!response.writableFinished) served.aborted = true;
        resolve();
      }),
    );
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      if (served.aborted) return;
      served.status = status;
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(typeof json === 'string' ? json : JSON.stringify(json));
    };
    if (this.gate) await Promise.race([this.gate, closed]);
    if (served.aborted) return;
    if (email === null) return send(400, { message: 'cannot tell which contact or user this is about' });
    const fault = this.faults.get(email)?.shift();
    if (fault && 'delayMs' in fault) {
      // A client that hangs up ends the wait, so no timer outlives the test.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, fault.delayMs))), closed]);
      clearTimeout(timer);
      if (served.aborted) return;
    }
    if (fault && 'status' in fault && !fault.afterStoring) {
      return send(
        fault.status,
        fault.body ?? { message: `scripted ${fault.status}` },
        fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter },
      );
    }
    const { status, json } = this.handle(request, body, served);
    if (fault && 'status' in fault) return send(fault.status, { message: `stored, then scripted ${fault.status}` });
    send(status, json);
  }
}

export interface CrmRecord {
  contact: { email: string; name: string; externalId: string; signedUpAt: string };
  /** Upserts that created or changed the contact. */
  changes: number;
}

/** A CRM on loopback with the API CrmSyncJob calls: `PUT /contacts/:email`, an upsert by email. */
export class CrmServer extends ScriptedServer {
  readonly contacts = new Map<string, CrmRecord>();

  static async start(): Promise<CrmServer> {
    const server = new CrmServer();
    await server.listen();
    return server;
  }

  protected emailOf(request: IncomingMessage): string | null {
    const match = /^\/contacts\/([^/]+)$/.exec(request.url ?? '');
    return request.method === 'PUT' && match ? decodeURIComponent(match[1]).toLowerCase() : null;
  }

  protected handle(_request: IncomingMessage, body: string, served: ServedRequest): { status: number; json: unknown } {
    const contact = JSON.parse(body) as CrmRecord['contact'];
    const existing = this.contacts.get(served.email);
    if (!existing) {
      this.contacts.set(served.email, { contact, changes: 1 });
      return { status: 201, json: { outcome: 'created' } };
    }
    if (JSON.stringify(existing.contact) === JSON.stringify(contact)) return { status: 200, json: { outcome: 'unchanged' } };
    existing.contact = contact;
    existing.changes += 1;
    return { status: 200, json: { outcome: 'updated' } };
  }
}

export interface WebhookEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: { user: { id: string; email: string; name: string } };
}

/**
 * A partner's webhook endpoint on loopback, written from the spec rather than from the demo's code:
 * it checks `X-Signature: t=..,v1=HMAC-SHA256(secret, "t.body")` itself, stores each
 * Idempotency-Key once and answers 200 to repeats.
 */
export class WebhookReceiver extends ScriptedServer {
  readonly events = new Map<string, { event: WebhookEvent; deliveries: number }>();

  private constructor(private readonly secret: string) {
    super();
  }

  static async start(secret: string): Promise<WebhookReceiver> {
    const server = new WebhookReceiver(secret);
    await server.listen();
    return server;
  }

  /** The signature check of one delivery, as a partner would do it. */
  signatureOf(request: ServedRequest): { valid: boolean; timestamp: number } {
    const header = String(request.headers['x-signature'] ?? '');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    if (!match) return { valid: false, timestamp: NaN };
    const expected = createHmac('sha256', this.secret).update(`${match[1]}.${request.body}`).digest();
    return { valid: timingSafeEqual(expected, Buffer.from(match[2], 'hex')), timestamp: Number(match[1]) };
  }

  protected emailOf(request: IncomingMessage, body: string): string | null {
    if (request.method !== 'POST') return null;
    try {
      return String((JSON.parse(body) as WebhookEvent).data.user.email).toLowerCase();
    } catch {
      return null;
    }
  }

  protected handle(request: IncomingMessage, body: string, served: ServedRequest): { status: number; json: unknown } {
    if (!this.signatureOf(served).valid) return { status: 401, json: { message: 'bad signature' } };
    const key = String(request.headers['idempotency-key'] ?? '');
    if (!key) return { status: 400, json: { message: 'missing Idempotency-Key' } };
    const existing = this.events.get(key);
    if (existing) {
      existing.deliveries += 1;
      return { status: 200, json: { duplicate: true } };
    }
    this.events.set(key, { event: JSON.parse(body) as WebhookEvent, deliveries: 1 });
    return { status: 200, json: { duplicate: false } };
  }

  eventsFor(email: string): { event: WebhookEvent; deliveries: number }[] {
    return [...this.events.values()].filter(({ event }) => event.data.user.email.toLowerCase() === email.toLowerCase());
  }
}

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface PartnerServices {
  crm: CrmServer;
  partner: WebhookReceiver;
  /** CRM_URL, WEBHOOK_URL and WEBHOOK_SECRET for the demo's processes. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/** Both services, and the environment that points the demo at them. */
export async function startPartnerServices(): Promise<PartnerServices> {
  const [crm, partner] = await Promise.all([CrmServer.start(), WebhookReceiver.start(TEST_WEBHOOK_SECRET)]);
  return {
    crm,
    partner,
    env: { CRM_URL: crm.url, WEBHOOK_URL: `${partner.url}/hooks`, WEBHOOK_SECRET: TEST_WEBHOOK_SECRET },
    stop: async () => void (await Promise.all([crm.stop(), partner.stop()])),
  };
}
