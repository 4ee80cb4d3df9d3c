import { Readable } from 'node:stream';
import { checkOwnership } from '../../execution/ownership-probe';

/**
 * The message's body, read from `body` only once nodemailer reads it, which it does when the server
 * has taken DATA: at that moment the run is asked whether it still owns its job (`checkOwnership`),
 * and a stale run's body never leaves. A worker that stood still past its lock with DATA pipelined
 * finds the server's answers waiting when it resumes, and would otherwise stream the message before
 * its lock watch's overdue timer noticed (docs/RELIABILITY.md, scenario 24).
 */
export function gatedOnOwnership(body: Readable, signal: AbortSignal): Readable {
  let opened = false;
  const gated: Readable = new Readable({
    read() {
      if (opened) {
        body.resume();
        return;
      }
      opened = true;
      checkOwnership(signal);
      if (signal.aborted) {
        gated.destroy(signal.reason as Error); // a LockLostError, or the job's timeout
        return;
      }
      body.on('data', (chunk: Buffer) => {
        if (!gated.push(chunk)) body.pause();
      });
      body.once('end', () => gated.push(null));
      body.once('error', (error) => gated.destroy(error));
    },
    destroy(error, callback) {
      body.destroy();
      callback(error);
    },
  });
  return gated;
}
