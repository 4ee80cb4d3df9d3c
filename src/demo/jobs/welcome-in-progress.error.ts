/** Another run holds the claim on this user's welcome email: it is being sent right now. */
export class WelcomeInProgressError extends Error {
  constructor(readonly userId: number) {
    super(`The welcome email of user ${userId} is being sent by another run`);
    this.name = 'WelcomeInProgressError';
  }
}
