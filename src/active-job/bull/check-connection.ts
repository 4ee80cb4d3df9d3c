import type { RedisOptions } from 'ioredis';
import { CLUSTER_WITHOUT_NODES, PREFIX_WITHOUT_HASH_TAG, SENTINELS_EMPTY, SENTINELS_WITHOUT_NAME } from '../active-job.messages';
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
      throw new InvalidJobOptionsError(CLUSTER_WITHOUT_NODES());
    }
    if (!hashTagOf(prefix)) {
      throw new InvalidJobOptionsError(PREFIX_WITHOUT_HASH_TAG(prefix, `{${prefix.replace(/[{}]/g, '') || 'bull'}}`));
    }
    return;
  }
  const sentinels = typeof connection === 'object' ? connection.sentinels : undefined;
  if (sentinels === undefined) return;
  if (!Array.isArray(sentinels) || sentinels.length === 0) {
    throw new InvalidJobOptionsError(SENTINELS_EMPTY());
  }
  if (!(connection as RedisOptions).name) {
    throw new InvalidJobOptionsError(SENTINELS_WITHOUT_NAME());
  }
}
