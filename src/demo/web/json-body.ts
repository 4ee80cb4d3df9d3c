import { HttpException, Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';

const logger = new Logger('HTTP');

/**
 * Keys that name an object's prototype machinery or an Object built-in (`__proto__`, `constructor`,
 * `toString`, `hasOwnProperty`, `__defineGetter__`...): no signup needs them, and `ValidationPipe`'s
 * whitelist drops them silently instead of refusing them, so a body holding one is refused here.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function refusePrototypeKeys(key: string, value: unknown): unknown {
  // body-parser turns an error thrown while parsing into a 400.
  if (PROTOTYPE_KEYS.has(key)) throw new SyntaxError(`"${key}" is not allowed as a key`);
  return value;
}

/**
 * A body the parser refused (413 too large, 415 unsupported charset, 400 malformed JSON or a refused
 * key) is the client's fault: one warning line, and Nest answers with its status. Left as it is, a
 * 413 or 415 reaches Nest as an unknown error, logged as ERROR with a stack trace like a server fault.
 */
function refusedBody(error: unknown, request: IncomingMessage, _response: ServerResponse, next: (error?: unknown) => void): void {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  const message = (error as Error).message;
  logger.warn(`${request.method} ${request.url}: ${status} ${message}`);
  next(new HttpException({ statusCode: status, error: STATUS_CODES[status], message }, status));
}

/**
 * The API takes JSON only: no url-encoded bodies, so a cross-site HTML form cannot sign anyone up,
 * and no key named after `Object.prototype`'s members, or `prototype`, at any depth; refused bodies
 * are logged as warnings. Create the app with `{ bodyParser: false }`, then call this.
 *
 * @example
 * const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false });
 * acceptJsonBodiesOnly(app);
 */
export function acceptJsonBodiesOnly(app: NestExpressApplication): void {
  app.useBodyParser('json', { reviver: refusePrototypeKeys });
  app.use(refusedBody);
}
