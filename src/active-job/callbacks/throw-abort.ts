/** What `throwAbort()` throws; the callback chain catches it and halts. */
class CallbackAbort {
  readonly name = 'CallbackAbort';
}

/**
 * Halts the enqueue or perform from a before- or around-callback, as Rails' `throw :abort`:
 * the job is not enqueued (`performLater` rejects with `EnqueueAbortedError`) or not performed.
 * Returning `false` does not halt.
 *
 * @example
 * @BeforePerform()
 * skipWhenDisabled() {
 *   if (!this.features.enabled('welcome-email')) throwAbort();
 * }
 * @publicApi
 */
export function throwAbort(): never {
  throw new CallbackAbort();
}

export function isCallbackAbort(thrown: unknown): boolean {
  return thrown instanceof CallbackAbort;
}
