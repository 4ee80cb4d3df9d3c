import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface BasicAuthCredentials {
  user: string;
  password: string;
}

// Compared as fixed-length digests so neither length nor content leaks through timing.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Express middleware for HTTP basic auth: 401 with a `WWW-Authenticate` challenge unless the
 * request carries exactly these credentials.
 *
 * @example
 * BullBoardModule.forRoot({ route: '/admin/queues', adapter: ExpressAdapter, middleware: basicAuth({ user, password }, 'Bull Board') })
 */
export function basicAuth({ user, password }: BasicAuthCredentials, realm: string) {
  const expected = digest(`${user}:${password}`);
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
    const given = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (given && timingSafeEqual(digest(given), expected)) return next();
    const body = { statusCode: 401, error: 'Unauthorized', message: `${realm} needs the user name and password of BOARD_USER and BOARD_PASSWORD` };
    response
      .writeHead(401, { 'WWW-Authenticate': `Basic realm="${realm}", charset="UTF-8"`, 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(body));
  };
}
