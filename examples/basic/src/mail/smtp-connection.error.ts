/** The SMTP server could not be reached or did not answer: worth retrying. */
export class SmtpConnectionError extends Error {
  override name = 'SmtpConnectionError';
}
