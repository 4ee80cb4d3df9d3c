/** No user has this id: never signed up, signup rolled back, or deleted since. */
export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';

  constructor(readonly userId: number) {
    super(`user ${userId} does not exist`);
  }
}
