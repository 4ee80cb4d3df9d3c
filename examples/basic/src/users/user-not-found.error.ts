export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';

  constructor(readonly userId: number) {
    super(`user ${userId} does not exist`);
  }
}
