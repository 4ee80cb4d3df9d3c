import Redis, { Cluster, type ClusterNode, type RedisOptions } from 'ioredis';
import type { RedisClusterConnection, RedisConnection } from '../interfaces/redis-connection.interface';

export function isClusterConnection(connection: RedisConnection | undefined): connection is RedisClusterConnection {
  return typeof connection === 'object' && connection !== null && 'cluster' in connection;
}

/** A Redis target for humans: host, port and db (or the cluster's seeds, the sentinels' master), never the password. */
export function describeConnection(connection: RedisConnection | undefined): string {
  if (typeof connection === 'string') {
    try {
      const url = new URL(connection);
      return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
    } catch {
      return 'an unparsable Redis URL';
    }
  }
  if (isClusterConnection(connection)) return `Redis Cluster (${connection.cluster.map((node) => describeNode(node, 6379)).join(', ')})`;
  const options = connection ?? {};
  if (options.sentinels) return `Redis Sentinel master "${options.name}" (sentinels ${options.sentinels.map((node) => describeNode(node, 26379)).join(', ')})`;
  if (options.path) return options.path;
  return `${options.tls ? 'rediss' : 'redis'}://${options.host ?? '127.0.0.1'}:${options.port ?? 6379}${options.db ? `/${options.db}` : ''}`;
}

/**
 * Opens an ioredis connection from a URL (`redis://`, `rediss://` for TLS), ioredis options (Sentinel
 * included) or cluster nodes; `overrides` apply to every node connection of a cluster.
 */
export function openRedis(connection: RedisConnection | undefined, overrides: RedisOptions): Redis | Cluster {
  if (typeof connection === 'string') return new Redis(connection, overrides);
  if (isClusterConnection(connection)) {
    const options = connection.clusterOptions ?? {};
    return new Cluster(connection.cluster, { ...options, redisOptions: { ...options.redisOptions, ...overrides } });
  }
  return new Redis({ ...connection, ...overrides });
}

function describeNode(node: ClusterNode | Partial<{ host: string; port: number }>, defaultPort: number): string {
  if (typeof node === 'object') return `${node.host ?? '127.0.0.1'}:${node.port ?? defaultPort}`;
  return String(node);
}
