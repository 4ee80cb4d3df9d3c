export class UnsubscribedError extends Error {
  override name = 'UnsubscribedError';
}
