import Redis, { type RedisOptions } from 'ioredis';

/** A Redis target for humans: host, port and db, never the password. */
export function describeConnection(connection: string | RedisOptions | undefined): string {
  if (typeof connection === 'string') {
    try {
      const url = new URL(connection);
      return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
    } catch {
      return 'an unparsable Redis URL';
    }
  }
  const options = connection ?? {};
  if (options.path) return options.path;
  return `${options.tls ? 'rediss' : 'redis'}://${options.host ?? '127.0.0.1'}:${options.port ?? 6379}${options.db ? `/${options.db}` : ''}`;
}

/** Opens an ioredis connection from a URL (`redis://`, `rediss://` for TLS) or ioredis options. */
export function openRedis(connection: string | RedisOptions | undefined, overrides: RedisOptions): Redis {
  return typeof connection === 'string' ? new Redis(connection, overrides) : new Redis({ ...connection, ...overrides });
}
