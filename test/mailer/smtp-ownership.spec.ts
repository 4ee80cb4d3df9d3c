import { LockLostError } from '../../src/active-job/errors/lock-lost.error';
import { setOwnershipProbe } from '../../src/active-job/execution/ownership-probe';
import { SmtpTransport } from '../../src/active-job/mailer/transports/smtp.transport';
import { SmtpSink } from '../support/smtp-sink';
import { waitUntil } from '../support/wait-until';

// Scenario 24's window, without Bull: a run that stood still past its lock resumes with the server's
// answers to its pipelined envelope and DATA already waiting. No timer has aborted its signal yet;
// the check made as the body is about to leave is what stops the email.
describe('SMTP transport: a run that lost its job, asked as the body is about to leave', () => {
  let sink: SmtpSink;
  let transport: SmtpTransport;

  beforeEach(async () => {
    sink = await SmtpSink.start();
    transport = new SmtpTransport(sink.url);
  });

  afterEach(async () => {
    transport.close();
    await sink.stop();
  });

  /** A signal whose ownership check finds the job lost once `stale` says so, as a lock watch's clock check would. */
  function runSignal(stale: () => boolean): AbortSignal {
    const controller = new AbortController();
    setOwnershipProbe(controller.signal, () => {
      if (stale()) controller.abort(new LockLostError('7', 'mailers', 'this process stood still for 4000 ms, longer than lockDuration (2000 ms)'));
    });
    return controller.signal;
  }

  const message = (to: string) => ({ from: 'Demo <welcome@demo.test>', to, subject: 'Welcome!', text: 'Hello' });

  it('sends no body when the run turns out stale as the server takes DATA, and fails the send with LockLostError', async () => {
    const to = 'frozen@example.com';
    let stale = false;
    const held = sink.hold(to);
    const sending = transport.send(message(to), { signal: runSignal(() => stale) }).then(
      () => 'sent',
      (error: unknown) => error,
    );
    await sink.waitForAttempts(to, 1); // the envelope and DATA are out; RCPT TO waits for release()
    stale = true; // the process stood still: nothing has aborted the signal, only a check would see it
    held.release();

    const outcome = await sending;
    expect(outcome).toBeInstanceOf(LockLostError);
    await waitUntil(() => sink.closedSessions >= 1);
    expect(sink.mailsTo(to)).toHaveLength(0);
  });

  it('sends as usual when the run still owns its job', async () => {
    const to = 'owner@example.com';
    await transport.send(message(to), { signal: runSignal(() => false) });
    expect(sink.mailsTo(to)).toHaveLength(1);
  });
});
