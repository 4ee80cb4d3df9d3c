import type { CoordinationStore, SlotOutcome, UniqueClaim } from './coordination-store.interface';

/**
 * The same operations as the Redis store, in this process's memory: for the async, inline and test
 * adapters, where one process is the whole deployment. Each method runs without an await, so atomically.
 */
export class MemoryCoordinationStore implements CoordinationStore {
  private readonly locks = new Map<string, { value: string; expiresAt: number }>();
  private readonly holders = new Map<string, Map<string, number>>();
  private readonly blocked = new Map<string, { limit: number; durationMs: number; entries: string[] }>();
  private readonly tasks = new Map<string, { definition: string; lastTickMs: number | null; paused: boolean }>();

  async uniqueClaim(key: string, jobId: string, value: string, ttlMs: number): Promise<UniqueClaim> {
    const current = this.lock(key);
    if (!current) {
      this.locks.set(key, { value, expiresAt: Date.now() + ttlMs });
      return { state: 'claimed' };
    }
    return { state: JSON.parse(current).jobId === jobId ? 'own' : 'taken', value: current };
  }

  async uniqueSettle(key: string, jobId: string, value: string, ttlMs: number): Promise<void> {
    const current = this.lock(key);
    if (current && JSON.parse(current).jobId === jobId) this.locks.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async uniqueRelease(key: string, jobId: string): Promise<void> {
    const current = this.lock(key);
    if (current && JSON.parse(current).jobId === jobId) this.locks.delete(key);
  }

  async slotAcquire(name: string, jobId: string, limit: number, durationMs: number, blockedEntry: string | null): Promise<SlotOutcome> {
    const holders = this.liveHolders(name);
    if (holders.has(jobId) || holders.size < limit) {
      holders.set(jobId, Date.now() + durationMs);
      return 'acquired';
    }
    if (blockedEntry === null) return 'conflict';
    const parked = this.blocked.get(name) ?? { limit, durationMs, entries: [] };
    Object.assign(parked, { limit, durationMs });
    parked.entries.push(blockedEntry);
    this.blocked.set(name, parked);
    return 'blocked';
  }

  async slotRelease(name: string, jobId: string, limit: number, durationMs: number): Promise<string[]> {
    const holders = this.liveHolders(name);
    holders.delete(jobId);
    const parked = this.blocked.get(name);
    const released: string[] = [];
    while (parked?.entries.length && holders.size < limit) {
      const entry = parked.entries.shift()!;
      holders.set(JSON.parse(entry).payload.jobId, Date.now() + durationMs);
      released.push(entry);
    }
    if (parked && parked.entries.length === 0) this.blocked.delete(name);
    return released;
  }

  async blockedNames(): Promise<Map<string, { limit: number; durationMs: number }>> {
    return new Map([...this.blocked].map(([name, { limit, durationMs }]) => [name, { limit, durationMs }]));
  }

  // Nothing is lost between unblocking and enqueueing inside one process: no unblocking record is needed.
  async unblocked(): Promise<void> {}

  async staleUnblocked(): Promise<string[]> {
    return [];
  }

  async recurringSync(tasks: Map<string, string>): Promise<void> {
    for (const key of this.tasks.keys()) if (!tasks.has(key)) this.tasks.delete(key);
    for (const [key, definition] of tasks) {
      const task = this.tasks.get(key);
      if (task) task.definition = definition;
      else this.tasks.set(key, { definition, lastTickMs: null, paused: false });
    }
  }

  async recurringClaim(key: string, definition: string, tickMs: number): Promise<'claimed' | 'done' | 'paused' | 'stale'> {
    const task = this.tasks.get(key);
    if (!task || task.definition !== definition) return 'stale';
    if (task.paused) return 'paused';
    if (tickMs <= (task.lastTickMs ?? 0)) return 'done';
    task.lastTickMs = tickMs;
    return 'claimed';
  }

  async recurringTasks(): Promise<{ key: string; definition: string; lastTickMs: number | null; paused: boolean }[]> {
    return [...this.tasks].map(([key, task]) => ({ key, ...task }));
  }

  async recurringPause(key: string, paused: boolean): Promise<boolean> {
    const task = this.tasks.get(key);
    if (task) task.paused = paused;
    return task !== undefined;
  }

  private lock(key: string): string | undefined {
    const lock = this.locks.get(key);
    if (lock && lock.expiresAt <= Date.now()) this.locks.delete(key);
    return lock && lock.expiresAt > Date.now() ? lock.value : undefined;
  }

  private liveHolders(name: string): Map<string, number> {
    let holders = this.holders.get(name);
    if (!holders) this.holders.set(name, (holders = new Map()));
    const now = Date.now();
    for (const [jobId, expiresAt] of holders) if (expiresAt <= now) holders.delete(jobId);
    return holders;
  }
}
