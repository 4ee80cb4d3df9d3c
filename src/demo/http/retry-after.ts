/** A server asking for more than this is taken at this: a bad header must not park a job for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Milliseconds to wait from a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds (`120`) or an
 * HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`). Null when absent or unreadable; a past date is 0;
 * anything over an hour is an hour.
 *
 * @example
 * parseRetryAfter(response.headers.get('retry-after')) // '30' → 30000
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    // An HTTP date names its month; without this, V8 reads "1.5" or "-5" as dates too.
    const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) return null;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
