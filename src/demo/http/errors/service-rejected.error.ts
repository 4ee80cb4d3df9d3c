/** The service refused the request with a 4xx other than 429: sending it again cannot help. */
export class ServiceRejectedError extends Error {
  override name = 'ServiceRejectedError';

  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
