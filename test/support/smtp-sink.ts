import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait-until';

/** A mail the sink accepted: the envelope's recipients (lower case) and the parsed message. */
export interface ReceivedMail {
  envelopeTo: string[];
  message: ParsedMail;
}

type Gate = () => Promise<void>;

/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed with mailparser.
 * Faults go where a real delivery can stop: a recipient refused with given reply codes (`refuse`),
 * held before it is accepted (`hold`), or a whole message held before the server says 250 (`beforeAccepting`).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** RCPT TO attempts per address (lower case), accepted or not. */
  readonly attempts = new Map<string, number>();
  /** SMTP sessions that have ended, however they ended. */
  closedSessions = 0;
  private readonly refusals = new Map<string, number[]>();
  private readonly holds = new Map<string, { gate: Gate; release: () => void }>();
  private readonly acceptGates = new Map<string, Gate>();

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Connections still held when the test ends are cut instead of waited for.
    closeTimeout: 500,
    onRcptTo: ({ address }, _session, callback) => this.onRcptTo(address.toLowerCase(), callback),
    onClose: () => void this.closedSessions++,
    onData: (stream, session, callback) => {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
      simpleParser(stream)
        .then(async (message) => {
          await Promise.all(to.map((address) => this.acceptGates.get(address)?.() ?? Promise.resolve()));
          this.received.push({ envelopeTo: to, message });
          callback();
        })
        .catch(callback);
    },
  });

  private constructor() {
    // A worker killed mid-conversation resets the socket; that is what some tests do, not an error.
    this.server.on('error', () => undefined);
  }

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The next RCPT TO for `address` get these SMTP reply codes (e.g. 451 then 550), then it is accepted. */
  refuse(address: string, ...codes: number[]): void {
    this.refusals.set(address.toLowerCase(), codes);
  }

  /** Delays accepting the recipient `address` until `release()`: the job is in flight, mid-send. */
  hold(address: string): { release: () => void } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const release = () => {
      this.holds.delete(address.toLowerCase());
      open();
    };
    this.holds.set(address.toLowerCase(), { gate: () => opened, release });
    return { release };
  }

  /** Runs `gate` once a message to `address` is fully received, and answers 250 only when it resolves. */
  beforeAccepting(address: string, gate: Gate): void {
    this.acceptGates.set(address.toLowerCase(), gate);
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }

  async waitForMailTo(address: string, timeoutMs = 15_000): Promise<ReceivedMail> {
    return waitFor(`an email to ${address}`, () => this.mailsTo(address)[0], timeoutMs);
  }

  async waitForAttempts(address: string, count: number, timeoutMs = 15_000): Promise<void> {
    await waitFor(`${count} delivery attempt(s) to ${address}`, () => (this.attempts.get(address.toLowerCase()) ?? 0) >= count, timeoutMs);
  }

  async stop(): Promise<void> {
    for (const { release } of [...this.holds.values()]) release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRcptTo(address: string, callback: (error?: Error | null) => void): void {
    this.attempts.set(address, (this.attempts.get(address) ?? 0) + 1);
    const code = this.refusals.get(address)?.shift();
    if (code !== undefined) {
      const error = Object.assign(new Error(code < 500 ? 'Greylisted, try again later' : 'No such mailbox here'), { responseCode: code });
      return callback(error);
    }
    void (this.holds.get(address)?.gate() ?? Promise.resolve()).then(() => callback());
  }
}
