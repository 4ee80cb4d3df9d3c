/** How a unique-lock claim went: taken by this job now, already this job's, or another job's (`value`). */
export type UniqueClaim = { state: 'claimed' } | { state: 'own' | 'taken'; value: string };

/** How a concurrency gate went: a slot is this job's, the job was parked (block), or it conflicts (discard). */
export type SlotOutcome = 'acquired' | 'blocked' | 'conflict';

/**
 * The coordination state of flow control (unique locks, concurrency slots, recurring ticks), each
 * operation atomic. Redis holds it for every worker (`RedisCoordinationStore`, Lua scripts); the
 * in-process adapters keep it in memory, where one process is the whole deployment.
 */
export interface CoordinationStore {
  uniqueClaim(key: string, jobId: string, value: string, ttlMs: number): Promise<UniqueClaim>;
  /** Replaces the value of a lock this job holds (with its backend id once stored); a lock gone or taken stays so. */
  uniqueSettle(key: string, jobId: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes the lock if `jobId` holds it. */
  uniqueRelease(key: string, jobId: string): Promise<void>;

  /** Takes a slot under `limit` (expired holders freed first); otherwise parks `blockedEntry`, or reports a conflict when it is null. */
  slotAcquire(name: string, jobId: string, limit: number, durationMs: number, blockedEntry: string | null): Promise<SlotOutcome>;
  /**
   * Frees `jobId`'s slot (none when empty: a sweep), then hands slots to parked jobs while the
   * limit allows; returns their entries, recorded as unblocking until `unblocked(jobId)`.
   */
  slotRelease(name: string, jobId: string, limit: number, durationMs: number): Promise<string[]>;
  /** Names with parked jobs, with the limit and duration they were parked under. */
  blockedNames(): Promise<Map<string, { limit: number; durationMs: number }>>;
  /** The unblocked job is back in its queue. */
  unblocked(jobId: string): Promise<void>;
  /** Entries unblocked more than `olderThanMs` ago and never confirmed (their process died): claimed again for the caller. */
  staleUnblocked(olderThanMs: number): Promise<string[]>;

  /** Writes the declared recurring tasks (key → definition) and deletes every other one. */
  recurringSync(tasks: Map<string, string>): Promise<void>;
  /** Claims the tick at `tickMs` of the task whose stored definition is `definition`: once across all processes. */
  recurringClaim(key: string, definition: string, tickMs: number): Promise<'claimed' | 'done' | 'paused' | 'stale'>;
  recurringTasks(): Promise<{ key: string; definition: string; lastTickMs: number | null; paused: boolean }[]>;
  /** False when no such task is stored. */
  recurringPause(key: string, paused: boolean): Promise<boolean>;
}
