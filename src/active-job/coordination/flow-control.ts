import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ResolvedActiveJobOptions } from '../active-job-options';
import { isConsumingAdapter, type JobAttempt } from '../adapters/consuming-adapter.interface';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { performsHere } from '../worker/performs-here';
import type { BlockedEntry } from '../concurrency/blocked-entry.interface';
import { ConcurrencyGate } from '../concurrency/concurrency-gate';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition, JobRegistry } from '../job-registry';
import { Uniqueness } from '../uniqueness/uniqueness';
import type { CoordinationStore } from './coordination-store.interface';
import { MemoryCoordinationStore } from './memory-coordination-store';
import { RedisCoordinationStore } from './redis-coordination-store';
import { CONCURRENCY_SWEEP_FAILED, FLOW_STEP_FAILED } from './coordination.messages';

/** How often each worker hands expired concurrency slots to parked jobs. */
export const CONCURRENCY_SWEEP_INTERVAL_MS = 1_000;

/** The coordination store of an adapter: Redis for Bull (shared by every process), memory for the in-process adapters. */
export function coordinationStoreFor(adapter: QueueAdapter, options: ResolvedActiveJobOptions): CoordinationStore {
  if (isConsumingAdapter(adapter) && adapter.redisClient) return new RedisCoordinationStore(() => adapter.redisClient!(), options.prefix);
  return new MemoryCoordinationStore();
}

/**
 * Where unique jobs and concurrency limits meet the enqueue and perform paths: one call around the
 * adapter's store (`enqueue`) and one around a queued run (`perform`). Jobs without either option
 * pass straight through.
 */
export class FlowControl implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ActiveJob');
  readonly uniqueness: Uniqueness;
  private readonly gate: ConcurrencyGate;
  /** Jobs whose run in this process enqueued a retry of themselves: their unique lock stays with the retry. */
  private readonly retried = new Set<string>();
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    readonly store: CoordinationStore,
    private readonly adapter: QueueAdapter,
    private readonly registry: JobRegistry,
    private readonly options: ResolvedActiveJobOptions,
  ) {
    this.uniqueness = new Uniqueness(store, options.enqueueTimeoutMs);
    this.gate = new ConcurrencyGate(store, (entry) => this.requeue(entry));
  }

  /** Stores a job through `store`, unless it is a unique job whose key another job holds. */
  enqueue(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], store: () => Promise<EnqueuedJob>, retry = false): Promise<EnqueuedJob> {
    if (!definition.unique) return store();
    // A retry (retryJob, @RetryOn, retryAfter) keeps the lock its job holds.
    if (retry) this.retried.add(payload.jobId);
    return this.uniqueness.enqueue(definition, payload, args, retry, store);
  }

  /** Runs a queued job (`run`) once it has a concurrency slot; releases its slot and unique lock as the run ends. */
  perform(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], attempt: JobAttempt, run: () => Promise<unknown>): Promise<unknown> {
    // Most jobs have neither option: their run is returned as it is, without a promise more per perform.
    if (!definition.unique && !definition.concurrency) return run();
    return this.gated(definition, payload, args, attempt, run);
  }

  private async gated(
    definition: JobDefinition,
    payload: JobPayload,
    args: readonly unknown[],
    attempt: JobAttempt,
    run: () => Promise<unknown>,
  ): Promise<void> {
    const { unique, concurrency } = definition;
    const uniqueKey = unique ? this.uniqueness.lockKey(definition, args) : null;
    const slot = concurrency ? this.gate.slotName(definition, args) : null;
    if (slot) {
      const outcome = await this.gate.acquire(definition, slot, payload, attempt, uniqueKey ? { key: uniqueKey, forMs: unique!.forMs } : undefined);
      if (outcome === 'blocked') return;
      if (outcome === 'conflict') {
        if (uniqueKey && unique!.until !== 'enqueued')
          await this.quietly('release the unique lock of', definition, () => this.uniqueness.release(uniqueKey, payload.jobId));
        return;
      }
    }
    if (uniqueKey && unique!.until === 'started') await this.uniqueness.release(uniqueKey, payload.jobId);
    let finished = true;
    try {
      await run();
    } catch (error) {
      finished = attempt.attemptsMade + 1 >= definition.providerOptions.attempts; // Bull runs it again otherwise
      throw error;
    } finally {
      const retried = this.retried.delete(payload.jobId);
      // A slot or lock left behind expires by itself; failing to free it must not fail the run.
      if (slot) await this.quietly('free the concurrency slot of', definition, () => this.gate.release(definition, slot, payload.jobId));
      if (uniqueKey && unique!.until === 'finished' && finished && !retried) {
        await this.quietly('release the unique lock of', definition, () => this.uniqueness.release(uniqueKey, payload.jobId));
      }
    }
  }

  onApplicationBootstrap(): void {
    const consumes = performsHere(this.adapter, this.options);
    const limited = this.registry.names().some((name) => this.registry.forName(name).concurrency);
    if (!consumes || !limited) return;
    this.sweeper = setInterval(() => {
      this.sweeping ??= this.gate
        .sweep()
        .catch((error: unknown) => this.logger.error(CONCURRENCY_SWEEP_FAILED(error)))
        .finally(() => (this.sweeping = undefined));
    }, CONCURRENCY_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
  }

  private async requeue(raw: string): Promise<void> {
    const entry = JSON.parse(raw) as BlockedEntry;
    const providerJobId = await this.adapter.enqueue({ payload: entry.payload, options: entry.options });
    await this.store.unblocked(entry.payload.jobId);
    if (entry.uniqueKey) await this.uniqueness.follow(entry.uniqueKey, entry.payload, providerJobId, entry.uniqueForMs!);
  }

  private async quietly(what: string, definition: JobDefinition, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.logger.error(FLOW_STEP_FAILED(what, definition.name, error));
    }
  }
}
