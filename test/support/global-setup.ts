import { RedisServer } from './redis-server';

// One Redis for the whole run, started by the harness; tests isolate themselves by key prefix.
export default async function globalSetup(): Promise<void> {
  const redis = await RedisServer.start();
  (globalThis as any).__ACTIVE_JOB_REDIS__ = redis;
  process.env.TEST_REDIS_URL = redis.url;
}
