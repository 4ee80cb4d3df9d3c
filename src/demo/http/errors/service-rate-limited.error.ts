/** The service answered 429 with a Retry-After: ask again once `retryAfterMs` has passed. */
export class ServiceRateLimitedError extends Error {
  override name = 'ServiceRateLimitedError';

  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
