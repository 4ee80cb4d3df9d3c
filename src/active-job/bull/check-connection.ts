import type { RedisOptions } from 'ioredis';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import type { RedisConnection } from '../interfaces/redis-connection.interface';
import { isClusterConnection } from './redis-connection';

/**
 * The part of `key` Redis Cluster hashes: what lies between the first `{` and the next `}`, when
 * that is not empty (the cluster specification's rule). Undefined when the whole key is hashed.
 */
export function hashTagOf(key: string): string | undefined {
  const open = key.indexOf('{');
  if (open === -1) return undefined;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : undefined;
}

/**
 * Refuses at startup a connection that could only fail later: a cluster whose queue keys would
 * spread over hash slots (Bull's scripts then fail with CROSSSLOT), Sentinel without a master name.
 */
export function checkConnection(connection: RedisConnection | undefined, prefix: string): void {
  if (isClusterConnection(connection)) {
    if (!Array.isArray(connection.cluster) || connection.cluster.length === 0) {
      throw new InvalidJobOptionsError('connection.cluster must list at least one node of the Redis Cluster, e.g. [{ host: "redis-1", port: 6379 }]');
    }
    if (!hashTagOf(prefix)) {
      const tagged = `{${prefix.replace(/[{}]/g, '') || 'bull'}}`;
      throw new InvalidJobOptionsError(
        `prefix "${prefix}" has no hash tag, but connection is a Redis Cluster: Bull's scripts use several keys of a queue at once, ` +
          `which a cluster allows only when they share a hash slot. Write prefix: '${tagged}' so every queue key is hashed by "${tagged.slice(1, -1)}".`,
      );
    }
    return;
  }
  const sentinels = typeof connection === 'object' ? (connection as RedisOptions).sentinels : undefined;
  if (sentinels === undefined) return;
  if (!Array.isArray(sentinels) || sentinels.length === 0) {
    throw new InvalidJobOptionsError('connection.sentinels must list at least one sentinel, e.g. [{ host: "sentinel-1", port: 26379 }]');
  }
  if (!(connection as RedisOptions).name) {
    throw new InvalidJobOptionsError("connection.sentinels needs connection.name: the name the sentinels monitor the master by, e.g. name: 'mymaster'");
  }
}
