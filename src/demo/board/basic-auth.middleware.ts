import { ThrottlerStorageService } from '@nestjs/throttler';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface BasicAuthCredentials {
  user: string;
  password: string;
}

/** Failed attempts (wrong credentials, not a missing header) one client may make per window, and how long it is then shut out. */
export interface FailedAttemptsLimit {
  limit: number;
  ttlMs: number;
}

export const DEFAULT_FAILED_ATTEMPTS: FailedAttemptsLimit = { limit: 10, ttlMs: 60_000 };

// Compared as fixed-length digests so neither length nor content leaks through timing.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Express middleware for HTTP basic auth: 401 with a `WWW-Authenticate` challenge unless the
 * request carries exactly these credentials. A client (by socket address: no proxy header is
 * trusted) that sends wrong credentials more than `limit` times within `ttlMs` gets 429 with
 * `Retry-After`, right credentials included, until `ttlMs` has passed (@nestjs/throttler's storage).
 *
 * @example
 * BullBoardModule.forRoot({ route: '/admin/queues', adapter: ExpressAdapter, middleware: basicAuth({ user, password }, 'Bull Board') })
 */
export function basicAuth({ user, password }: BasicAuthCredentials, realm: string, failures: FailedAttemptsLimit = DEFAULT_FAILED_ATTEMPTS) {
  const expected = digest(`${user}:${password}`);
  const attempts = new ThrottlerStorageService();
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const key = `${realm}:${request.socket.remoteAddress ?? 'unknown'}`;
    const record = attempts.storage.get(key);
    if (record?.isBlocked && record.blockExpiresAt > Date.now()) return tooManyAttempts(response, realm, record.blockExpiresAt - Date.now());
    const header = request.headers.authorization;
    const [scheme, encoded] = (header ?? '').split(' ');
    const given = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (given && timingSafeEqual(digest(given), expected)) return next();
    const challenge = () => {
      const body = { statusCode: 401, error: 'Unauthorized', message: `${realm} needs the user name and password of BOARD_USER and BOARD_PASSWORD` };
      response
        .writeHead(401, { 'WWW-Authenticate': `Basic realm="${realm}", charset="UTF-8"`, 'Content-Type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(body));
    };
    // A request without credentials is how a browser asks for the login prompt: only wrong ones count.
    if (header === undefined) return challenge();
    void attempts.increment(key, failures.ttlMs, failures.limit, failures.ttlMs, 'basic-auth').then((hits) => {
      if (hits.isBlocked) tooManyAttempts(response, realm, hits.timeToBlockExpire * 1000);
      else challenge();
    });
  };
}

function tooManyAttempts(response: ServerResponse, realm: string, retryAfterMs: number): void {
  const body = { statusCode: 429, error: 'Too Many Requests', message: `Too many wrong ${realm} credentials from your address: please wait and try again.` };
  response
    .writeHead(429, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))), 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
}
