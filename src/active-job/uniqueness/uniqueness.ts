import { jobKey } from '../coordination/job-key';
import { Logger } from '@nestjs/common';
import type { CoordinationStore, UniqueClaim } from '../coordination/coordination-store.interface';
import { EnqueueError } from '../errors/enqueue.error';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition } from '../job-registry';
import { DUPLICATE_NOT_ENQUEUED, UNIQUE_CLAIM_NOT_CONFIRMED } from './uniqueness.messages';

/** What a lock holds: the handle of the job that holds it, without `providerJobId` until that job is stored. */
interface LockValue {
  jobId: string;
  providerJobId?: string;
  queueName: string;
  scheduledAt: string | null;
}

const POLL_MS = 20;

/**
 * Unique jobs (Sidekiq Enterprise's `unique_for`, Laravel's `ShouldBeUnique`): a lock per key in the
 * coordination store. The lock is claimed before the job is stored and holds the stored job's handle
 * after, so a duplicate always gets the handle of a job that exists (never an id that was not stored, bull#1828).
 */
export class Uniqueness {
  private readonly logger = new Logger('ActiveJob');

  constructor(
    private readonly store: CoordinationStore,
    /** How long a duplicate waits for the first job's store to finish (the enqueue timeout). */
    private readonly pendingTimeoutMs: number,
  ) {}

  /** The lock's name: class and key, so two classes never share locks. */
  lockKey(definition: JobDefinition, args: readonly unknown[]): string {
    return `${definition.name}:${jobKey(definition.name, 'unique', definition.unique!.key, args)}`;
  }

  /**
   * Stores the job unless another job holds its key; then resolves to that job's handle, marked
   * `duplicate`. A retry (`retry`: the job re-enqueuing itself) is never dropped: it takes the lock
   * again when free or its own, and is stored anyway when another job holds it.
   */
  async enqueue(
    definition: JobDefinition,
    payload: JobPayload,
    args: readonly unknown[],
    retry: boolean,
    store: () => Promise<EnqueuedJob>,
  ): Promise<EnqueuedJob> {
    const unique = definition.unique!;
    const key = this.lockKey(definition, args);
    const pending: LockValue = { jobId: payload.jobId, queueName: payload.queueName, scheduledAt: payload.scheduledAt };
    // A claim not yet settled lives only as long as a store may take, so a process dying in between frees the key soon.
    const pendingTtlMs = Math.min(unique.forMs, Math.max(1_000, 2 * this.pendingTimeoutMs));
    const deadline = Date.now() + this.pendingTimeoutMs;
    let claim: UniqueClaim;
    for (;;) {
      claim = await this.store.uniqueClaim(key, payload.jobId, JSON.stringify(pending), pendingTtlMs);
      if (claim.state !== 'taken' || retry) break;
      const existing = JSON.parse(claim.value) as LockValue;
      if (existing.providerJobId) return this.duplicate(definition, key, existing);
      if (Date.now() > deadline) {
        throw new EnqueueError(UNIQUE_CLAIM_NOT_CONFIRMED(definition.name, existing.jobId, key, this.pendingTimeoutMs));
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    let enqueued: EnqueuedJob;
    try {
      enqueued = await store();
    } catch (error) {
      if (claim.state === 'claimed') await this.store.uniqueRelease(key, payload.jobId).catch(() => undefined);
      throw error;
    }
    if (claim.state !== 'taken') await this.follow(key, payload, enqueued.providerJobId, unique.forMs);
    return enqueued;
  }

  /** Points the lock, if this job still holds it, at the job's stored copy (after a store, a retry, an unblock). */
  follow(key: string, payload: JobPayload, providerJobId: string, ttlMs: number): Promise<void> {
    const value: LockValue = { jobId: payload.jobId, providerJobId, queueName: payload.queueName, scheduledAt: payload.scheduledAt };
    return this.store.uniqueSettle(key, payload.jobId, JSON.stringify(value), ttlMs);
  }

  release(key: string, jobId: string): Promise<void> {
    return this.store.uniqueRelease(key, jobId);
  }

  private duplicate(definition: JobDefinition, key: string, existing: LockValue): EnqueuedJob {
    this.logger.log(DUPLICATE_NOT_ENQUEUED(definition.name, existing.jobId, existing.providerJobId!, key));
    return {
      jobId: existing.jobId,
      providerJobId: existing.providerJobId!,
      queueName: existing.queueName,
      scheduledAt: existing.scheduledAt ? new Date(existing.scheduledAt) : null,
      duplicate: true,
    };
  }
}
