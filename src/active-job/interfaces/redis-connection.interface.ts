import type { ClusterNode, ClusterOptions, RedisOptions } from 'ioredis';

/**
 * A Redis Cluster: seed nodes (the client discovers the others) and ioredis `Cluster` options.
 * Bull runs multi-key scripts, so every key of a queue must live in one hash slot: the module's
 * `prefix` must then carry a hash tag, e.g. `'{jobs}'`.
 *
 * @example
 * ActiveJobModule.forRoot({
 *   connection: { cluster: [{ host: 'redis-1', port: 6379 }, { host: 'redis-2', port: 6379 }], clusterOptions: { redisOptions: { password } } },
 *   prefix: '{jobs}',
 * });
 * @publicApi
 */
export interface RedisClusterConnection {
  /** Seed nodes, as `{ host, port }`, `'host:port'` or a port number. */
  cluster: ClusterNode[];
  /** ioredis Cluster options; `redisOptions` (password, tls) applies to the connection to each node. */
  clusterOptions?: ClusterOptions;
}

/**
 * Where Redis is: a URL (`redis://`, `rediss://` for TLS), ioredis options (which include Sentinel's
 * `sentinels` and `name`), or a Redis Cluster.
 */
export type RedisConnection = string | RedisOptions | RedisClusterConnection;
