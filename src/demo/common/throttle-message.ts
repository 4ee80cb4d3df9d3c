import { type ExecutionContext, SetMetadata } from '@nestjs/common';

const THROTTLE_MESSAGE = 'demo:throttle-message';

/**
 * The message of a route's `429` (@nestjs/throttler), read by `throttledMessage`: each throttled
 * route says what was refused.
 *
 * @example
 * @ThrottleMessage('Too many signups from your address: please wait a little and try again.')
 */
export const ThrottleMessage = (message: string) => SetMetadata(THROTTLE_MESSAGE, message);

/** ThrottlerModule's `errorMessage`: the route's `@ThrottleMessage`, else a general one. */
export function throttledMessage(context: ExecutionContext): string {
  return (Reflect.getMetadata(THROTTLE_MESSAGE, context.getHandler()) as string | undefined) ?? 'Too many requests: please wait a little and try again.';
}
