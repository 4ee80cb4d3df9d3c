import { DemoConfigError } from './demo-config.error';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;

/** A variable's value, with empty strings treated as unset (as `FOO= npm start` sets them). */
export function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new DemoConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `true` or `false`; anything else is refused rather than guessed. */
export function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new DemoConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/** Milliseconds from `'500'` (ms), `'500ms'`, `'5s'`, `'1m'` or `'1h'`. */
export function duration(env: NodeJS.ProcessEnv, name: string, fallbackMs: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallbackMs;
  const match = DURATION_PATTERN.exec(raw);
  if (!match) {
    throw new DemoConfigError(`${name} must be milliseconds or a duration such as 500ms, 5s, 1m, got ${JSON.stringify(raw)}`);
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']);
}

/** A URL whose scheme is one of `protocols` (e.g. `['redis:', 'rediss:']`). */
export function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new DemoConfigError(`${name} must be a URL such as ${protocols[0]}//127.0.0.1, got ${JSON.stringify(raw)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new DemoConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${parsed.protocol}//`);
  }
  return raw;
}

/** A URL for logs: scheme, host and port, never the credentials. */
export function redactUrl(raw: string): string {
  const parsed = new URL(raw);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}
