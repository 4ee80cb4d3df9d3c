/** The service answered 5xx, did not answer in time, or could not be reached: worth retrying later. */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}
