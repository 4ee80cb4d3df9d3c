import type { Cluster, Redis } from 'ioredis';
import type { CoordinationStore, SlotOutcome, UniqueClaim } from './coordination-store.interface';
import {
  RECURRING_CLAIM,
  RECURRING_PAUSE,
  RECURRING_SYNC,
  SLOT_ACQUIRE,
  SLOT_RELEASE,
  STALE_UNBLOCKED,
  UNIQUE_CLAIM,
  UNIQUE_RELEASE,
  UNIQUE_SETTLE,
} from './coordination.scripts';

/**
 * Flow control's state in Redis, next to Bull's keys (`<prefix>:active-job:…`, so a prefix with a
 * hash tag keeps everything in one Redis Cluster slot); every change is one Lua script.
 */
export class RedisCoordinationStore implements CoordinationStore {
  private readonly root: string;
  private client?: Redis | Cluster;

  constructor(
    private readonly connect: () => Redis | Cluster,
    prefix: string,
  ) {
    this.root = `${prefix}:active-job`;
  }

  // Taken once: after the adapter closes, a late release fails on the closed connection instead of opening another.
  private redis(): Redis | Cluster {
    return (this.client ??= this.connect());
  }

  async uniqueClaim(key: string, jobId: string, value: string, ttlMs: number): Promise<UniqueClaim> {
    const [state, current] = await UNIQUE_CLAIM.run<[UniqueClaim['state'], string?]>(this.redis(), [this.unique(key)], [jobId, value, ttlMs]);
    return state === 'claimed' ? { state } : { state, value: current! };
  }

  async uniqueSettle(key: string, jobId: string, value: string, ttlMs: number): Promise<void> {
    await UNIQUE_SETTLE.run(this.redis(), [this.unique(key)], [jobId, value, ttlMs]);
  }

  async uniqueRelease(key: string, jobId: string): Promise<void> {
    await UNIQUE_RELEASE.run(this.redis(), [this.unique(key)], [jobId]);
  }

  slotAcquire(name: string, jobId: string, limit: number, durationMs: number, blockedEntry: string | null): Promise<SlotOutcome> {
    const keys = [this.slots(name), `${this.slots(name)}:blocked`, this.blockedIndex()];
    return SLOT_ACQUIRE.run(this.redis(), keys, [jobId, limit, durationMs, name, blockedEntry ?? '']);
  }

  slotRelease(name: string, jobId: string, limit: number, durationMs: number): Promise<string[]> {
    const keys = [this.slots(name), `${this.slots(name)}:blocked`, this.blockedIndex(), this.unblocking()];
    return SLOT_RELEASE.run(this.redis(), keys, [jobId, limit, durationMs, name]);
  }

  async blockedNames(): Promise<Map<string, { limit: number; durationMs: number }>> {
    const all = await this.redis().hgetall(this.blockedIndex());
    return new Map(
      Object.entries(all).map(([name, value]) => {
        const [limit, durationMs] = value.split(',').map(Number);
        return [name, { limit, durationMs }];
      }),
    );
  }

  async unblocked(jobId: string): Promise<void> {
    await this.redis().hdel(this.unblocking(), jobId);
  }

  staleUnblocked(olderThanMs: number): Promise<string[]> {
    return STALE_UNBLOCKED.run(this.redis(), [this.unblocking()], [olderThanMs]);
  }

  async recurringSync(tasks: Map<string, string>): Promise<void> {
    await RECURRING_SYNC.run(this.redis(), this.recurringKeys(), [...tasks].flat());
  }

  recurringClaim(key: string, definition: string, tickMs: number): Promise<'claimed' | 'done' | 'paused' | 'stale'> {
    return RECURRING_CLAIM.run(this.redis(), this.recurringKeys(), [key, definition, tickMs]);
  }

  async recurringTasks(): Promise<{ key: string; definition: string; lastTickMs: number | null; paused: boolean }[]> {
    const [tasksKey, lastKey, pausedKey] = this.recurringKeys();
    const [tasks, last, paused] = await Promise.all([this.redis().hgetall(tasksKey), this.redis().hgetall(lastKey), this.redis().hgetall(pausedKey)]);
    return Object.entries(tasks).map(([key, definition]) => ({
      key,
      definition,
      lastTickMs: last[key] ? Number(last[key]) : null,
      paused: key in paused,
    }));
  }

  async recurringPause(key: string, paused: boolean): Promise<boolean> {
    const [tasksKey, , pausedKey] = this.recurringKeys();
    return (await RECURRING_PAUSE.run<number>(this.redis(), [tasksKey, pausedKey], [key, paused ? '1' : '0'])) === 1;
  }

  private unique(key: string): string {
    return `${this.root}:unique:${key}`;
  }

  private slots(name: string): string {
    return `${this.root}:concurrency:${name}`;
  }

  private blockedIndex(): string {
    return `${this.root}:concurrency-blocked`;
  }

  private unblocking(): string {
    return `${this.root}:concurrency-unblocking`;
  }

  private recurringKeys(): string[] {
    return [`${this.root}:recurring`, `${this.root}:recurring-last`, `${this.root}:recurring-paused`];
  }
}
