import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { DEMO_CONFIG, type DemoConfig, redactUrl, redisConnection } from '../config';

const PING_TIMEOUT_MS = 1_000;

/**
 * Can a job be stored in Redis right now (`GET /health/redis`)? A write (a small key that expires) on a connection
 * of its own, answered within a second. A PING alone says yes while a full Redis (`noeviction`)
 * refuses every enqueue.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleInit, OnApplicationShutdown {
  private readonly redis?: Redis | Cluster;
  private readonly target: string;
  // Under the jobs' prefix, so an ACL limited to it (`~bull:*`) allows the write; it expires by itself.
  private readonly probeKey: string;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(DEMO_CONFIG) config: DemoConfig,
  ) {
    this.target = config.redisUrl ? redactUrl(config.redisUrl) : 'none';
    this.probeKey = `${config.queuePrefix}:health:${process.pid}`;
    const connection = redisConnection(config);
    // No offline queue: while Redis is away a ping fails at once instead of waiting for it.
    const failFast: RedisOptions = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 };
    if (typeof connection === 'string') this.redis = new Redis(connection, failFast);
    else if (connection && 'cluster' in connection) {
      const { lazyConnect, enableOfflineQueue, ...perNode } = failFast;
      this.redis = new Cluster(connection.cluster, {
        lazyConnect,
        enableOfflineQueue,
        redisOptions: { ...connection.clusterOptions?.redisOptions, ...perNode },
      });
    }
    this.redis?.on('error', () => undefined); // reported by the check, not as an unhandled event
  }

  onModuleInit(): void {
    this.redis?.connect().catch(() => undefined);
  }

  /** False when REDIS_URL is unset: the app does not use Redis, so there is nothing to check. */
  get enabled(): boolean {
    return this.redis !== undefined;
  }

  async isHealthy(key = 'redis') {
    const check = this.indicators.check(key);
    try {
      if (!this.redis) throw new Error('REDIS_URL is not set');
      if (this.redis.status !== 'ready') throw new Error(`not connected (${this.redis.status})`);
      await Promise.race([
        this.redis.set(this.probeKey, String(Date.now()), 'PX', 10_000).catch((error: Error) => {
          throw new Error(`Redis refuses writes: ${error.message}`);
        }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS).unref()),
      ]);
      return check.up({ target: this.target });
    } catch (error) {
      return check.down({ target: this.target, message: (error as Error).message });
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
