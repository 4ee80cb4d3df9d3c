import { type ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait';

/** A mail the sink accepted: the envelope and the parsed message. */
export interface ReceivedMail {
  envelopeTo: string[];
  message: ParsedMail;
}

/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed with
 * mailparser. It can refuse a recipient with given reply codes, or hold a delivery until released.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** RCPT TO attempts per address (lower case), accepted or not. */
  readonly attempts = new Map<string, number>();
  private readonly refusals = new Map<string, number[]>();
  private readonly holds = new Map<string, Promise<void>>();

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpSink> {
    let sink!: SmtpSink;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => sink.onRcptTo(address.address.toLowerCase(), callback),
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((message) => {
            sink.received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), message });
            callback();
          })
          .catch(callback);
      },
    });
    sink = new SmtpSink(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The next RCPT TO for `address` get these SMTP reply codes (e.g. 451 then 550), then it is accepted. */
  refuse(address: string, ...codes: number[]): void {
    this.refusals.set(address.toLowerCase(), codes);
  }

  /** Delays accepting mail for `address` until the returned function is called. */
  hold(address: string): () => void {
    let release!: () => void;
    this.holds.set(address.toLowerCase(), new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(address.toLowerCase());
      release();
    };
  }

  mailsTo(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()));
  }

  async waitForMailTo(address: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    return waitFor(`an email to ${address}`, () => this.mailsTo(address)[0], timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRcptTo(address: string, callback: (error?: Error | null) => void): void {
    this.attempts.set(address, (this.attempts.get(address) ?? 0) + 1);
    const code = this.refusals.get(address)?.shift();
    if (code !== undefined) {
      const error = Object.assign(new Error(code < 500 ? 'Greylisted, try again later' : 'No such mailbox here'), { responseCode: code });
      return callback(error);
    }
    void (this.holds.get(address) ?? Promise.resolve()).then(() => callback());
  }
}
