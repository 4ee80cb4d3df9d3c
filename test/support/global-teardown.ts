import type { RedisServer } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  await ((globalThis as any).__ACTIVE_JOB_REDIS__ as RedisServer | undefined)?.stop();
}
