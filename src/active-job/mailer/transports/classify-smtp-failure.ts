import { PermanentSmtpError } from '../errors/permanent-smtp.error';
import { TransientSmtpError } from '../errors/transient-smtp.error';
import { SMTP_FAILURE } from '../mailer.messages';

// Failures without an SMTP reply that no retry can mend: our own configuration or message is wrong.
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EMESSAGE', 'EENVELOPE']);

/**
 * Sorts a nodemailer failure into transient (retry it) and permanent (do not), after RFC 5321:
 * 5yz replies are permanent except 503 (bad sequence), 4yz are transient, and so is anything that
 * broke the connection before a reply.
 */
export function classifySmtpFailure(error: unknown): TransientSmtpError | PermanentSmtpError {
  const failure = error as { message?: string; code?: string; responseCode?: number };
  const reply = failure.responseCode;
  const message = SMTP_FAILURE(failure.message ?? String(error), failure.code);
  const permanent = reply !== undefined ? reply >= 500 && reply < 600 && reply !== 503 : PERMANENT_CODES.has(String(failure.code));
  return permanent ? new PermanentSmtpError(message, { cause: error }) : new TransientSmtpError(message, { cause: error });
}
