import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs its webhooks. */
export const SIGNATURE_HEADER = 'X-Signature';
/** Header carrying the event's id: the same on every delivery of one event, so receivers drop repeats. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How old a signature may be before a receiver refuses it, against replays. */
export const SIGNATURE_TOLERANCE_S = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * The `X-Signature` value for `body` sent at `timestamp`. The timestamp is signed with the body,
 * so a captured request cannot be replayed later with a fresh time.
 *
 * @example
 * headers['X-Signature'] = signWebhook(secret, JSON.stringify(event)); // "t=1764419400,v1=5f2c..."
 */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * Checks an `X-Signature` header against the raw body as received; returns why it is refused,
 * or null when it is valid. Any of several `v1=` values may match (secret rotation).
 *
 * @example
 * const problem = verifyWebhookSignature(secret, req.headers['x-signature'], req.rawBody.toString('utf8'));
 * if (problem) throw new BadRequestException(problem);
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  { now = Date.now(), toleranceS = SIGNATURE_TOLERANCE_S } = {},
): string | null {
  if (!header) return `missing ${SIGNATURE_HEADER} header`;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => value);
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  if (timestamps.length !== 1 || !/^\d+$/.test(timestamps[0] ?? '') || signatures.length === 0) {
    return `malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v1=<hex>`;
  }
  const timestamp = Number(timestamps[0]);
  if (Math.abs(now / 1000 - timestamp) > toleranceS) return `signature timestamp ${timestamp} is more than ${toleranceS} s from now`;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'signature does not match the body (wrong secret, or the body was changed)';
}
