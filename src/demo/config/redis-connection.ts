import type { RedisClusterConnection, RedisConnection } from '../../active-job';
import type { DemoConfig } from './demo-config';

/**
 * Where ActiveJob finds Redis: REDIS_URL itself, or with REDIS_CLUSTER=true that node as the seed of
 * a Redis Cluster (the client discovers the others), its credentials and TLS used for every node.
 */
export function redisConnection(config: Pick<DemoConfig, 'redisUrl' | 'redisCluster'>): RedisConnection | undefined {
  if (!config.redisUrl) return undefined;
  if (!config.redisCluster) return config.redisUrl;
  const url = new URL(config.redisUrl);
  const cluster: RedisClusterConnection = {
    cluster: [{ host: url.hostname, port: Number(url.port || 6379) }],
    clusterOptions: {
      redisOptions: {
        ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
        ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    },
  };
  return cluster;
}
