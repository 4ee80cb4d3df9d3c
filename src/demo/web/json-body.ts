import type { NestExpressApplication } from '@nestjs/platform-express';

/** Keys that name an object's prototype machinery: no signup needs them, so a body holding one is refused. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function refusePrototypeKeys(key: string, value: unknown): unknown {
  // body-parser turns an error thrown while parsing into a 400.
  if (PROTOTYPE_KEYS.has(key)) throw new SyntaxError(`"${key}" is not allowed as a key`);
  return value;
}

/**
 * The API takes JSON only: no url-encoded bodies, so a cross-site HTML form cannot sign anyone up,
 * and no `__proto__`, `constructor` or `prototype` keys at any depth. Create the app with
 * `{ bodyParser: false }`, then call this.
 *
 * @example
 * const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false });
 * acceptJsonBodiesOnly(app);
 */
export function acceptJsonBodiesOnly(app: NestExpressApplication): void {
  app.useBodyParser('json', { reviver: refusePrototypeKeys });
}
