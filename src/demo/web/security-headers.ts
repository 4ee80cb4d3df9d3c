import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * helmet's headers on every response, Bull Board's included: `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: SAMEORIGIN` (no clickjacking of the board while the browser holds its basic-auth
 * credentials), no `X-Powered-By`, and the rest of helmet's defaults. The HTML pages set their own,
 * stricter Content-Security-Policy (`frame-ancestors 'none'`); helmet's default one is left out
 * because Bull Board's page is not ours to vouch for.
 *
 * @example
 * useSecurityHeaders(app); // before app.listen()
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.use(helmet({ contentSecurityPolicy: false }));
}
