/** The mail server could not take the message now (connection trouble, 4xx reply); a later attempt may work. */
export class TransientSmtpError extends Error {
  override name = 'TransientSmtpError';
}
