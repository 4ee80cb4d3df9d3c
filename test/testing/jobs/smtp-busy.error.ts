export class SmtpBusyError extends Error {
  override name = 'SmtpBusyError';
}
