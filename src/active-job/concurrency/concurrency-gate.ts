import { jobKey } from '../coordination/job-key';
import { Logger } from '@nestjs/common';
import type { JobAttempt } from '../adapters/consuming-adapter.interface';
import type { CoordinationStore, SlotOutcome } from '../coordination/coordination-store.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition } from '../job-registry';
import type { BlockedEntry } from './blocked-entry.interface';
import { JOB_BLOCKED, JOB_DISCARDED_ON_CONFLICT, UNBLOCKED_JOB_NOT_ENQUEUED } from './concurrency.messages';

/** An unblocked job not enqueued again after this long is taken for lost (its process died) and enqueued by a sweep. */
export const UNBLOCK_GRACE_MS = 30_000;

/**
 * Concurrency limits per key (Solid Queue's `limits_concurrency`): before perform, a job takes one
 * of `to` slots of its key in the coordination store, or is parked there (block) or dropped
 * (discard). When a run ends, its slot goes to the first parked job, which is enqueued again; a
 * slot whose worker died expires after `duration`, and the periodic sweep hands it on.
 */
export class ConcurrencyGate {
  private readonly logger = new Logger('ActiveJob');

  constructor(
    private readonly store: CoordinationStore,
    /** Enqueues a parked job again; it already holds its slot. */
    private readonly requeue: (entry: string) => Promise<void>,
  ) {}

  /** The slots' name: group (default the class) and key. */
  slotName(definition: JobDefinition, args: readonly unknown[]): string {
    return `${definition.concurrency!.group}:${jobKey(definition.name, 'limitsConcurrency', definition.concurrency!.key, args)}`;
  }

  async acquire(
    definition: JobDefinition,
    name: string,
    payload: JobPayload,
    attempt: JobAttempt,
    unique?: { key: string; forMs: number },
  ): Promise<SlotOutcome> {
    const { to, durationMs, onConflict } = definition.concurrency!;
    // Parked as it would run now: the runs Bull counted so far are carried, and waiting spends no attempt.
    const entry: BlockedEntry = {
      payload: { ...payload, executions: payload.executions + attempt.attemptsMade, scheduledAt: null },
      options: definition.providerOptions,
      ...(unique && { uniqueKey: unique.key, uniqueForMs: unique.forMs }),
    };
    const outcome = await this.store.slotAcquire(name, payload.jobId, to, durationMs, onConflict === 'block' ? JSON.stringify(entry) : null);
    if (outcome === 'blocked') this.logger.log(JOB_BLOCKED(definition.name, payload.jobId, to, name));
    if (outcome === 'conflict') this.logger.warn(JOB_DISCARDED_ON_CONFLICT(definition.name, payload.jobId, to, name));
    return outcome;
  }

  /** Frees the slot and enqueues the parked jobs that get one. */
  async release(definition: JobDefinition, name: string, jobId: string): Promise<void> {
    const { to, durationMs } = definition.concurrency!;
    await this.requeueAll(await this.store.slotRelease(name, jobId, to, durationMs));
  }

  /** Hands expired slots to parked jobs and re-enqueues unblocked jobs whose process died first. */
  async sweep(): Promise<void> {
    for (const [name, { limit, durationMs }] of await this.store.blockedNames()) {
      await this.requeueAll(await this.store.slotRelease(name, '', limit, durationMs));
    }
    await this.requeueAll(await this.store.staleUnblocked(UNBLOCK_GRACE_MS));
  }

  private async requeueAll(entries: string[]): Promise<void> {
    for (const entry of entries) {
      try {
        await this.requeue(entry);
      } catch (error) {
        // It stays recorded as unblocking: a sweep enqueues it after the grace period.
        this.logger.error(UNBLOCKED_JOB_NOT_ENQUEUED(error));
      }
    }
  }
}
