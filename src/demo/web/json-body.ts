import type { NestExpressApplication } from '@nestjs/platform-express';

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
 * The API takes JSON only: no url-encoded bodies, so a cross-site HTML form cannot sign anyone up,
 * and no key named after `Object.prototype`'s members, or `prototype`, at any depth. Create the app with
 * `{ bodyParser: false }`, then call this.
 *
 * @example
 * const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false });
 * acceptJsonBodiesOnly(app);
 */
export function acceptJsonBodiesOnly(app: NestExpressApplication): void {
  app.useBodyParser('json', { reviver: refusePrototypeKeys });
}
