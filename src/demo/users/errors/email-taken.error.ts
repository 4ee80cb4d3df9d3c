/** Someone already signed up with this email address (compared case-insensitively). */
export class EmailTakenError extends Error {
  override name = 'EmailTakenError';

  constructor(readonly email: string) {
    super(`${email} is already signed up`);
  }
}
