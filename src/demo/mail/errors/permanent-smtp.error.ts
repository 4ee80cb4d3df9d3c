/** The mail server refused the message for good (5xx reply, bad credentials); sending it again gets the same answer. */
export class PermanentSmtpError extends Error {
  override name = 'PermanentSmtpError';
}
