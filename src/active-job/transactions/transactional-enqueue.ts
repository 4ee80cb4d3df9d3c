import { storeEachJob, storeJob } from '../enqueuing/store-job';
import { Logger } from '@nestjs/common';
import type { AdapterJob, EnqueueAllJob, EnqueueAllResult, QueueAdapter } from '../adapters/queue-adapter.interface';
import type { JobRegistry } from '../job-registry';
import type { ResolvedTransactionOptions } from './resolve-transaction-options';
import { currentTransaction, outsideJobTransaction, type TransactionFrame } from './transaction-scope';
import { ENQUEUE_AFTER_COMMIT_METADATA } from './transaction.constants';
import { HELD_JOB_NOT_ENQUEUED } from './transactions.messages';

/**
 * The producer side of the queue adapter, aware of transactions: a job enqueued inside one is
 * written to the outbox in it, or held until it commits; any other job goes straight through.
 * Everything else (consuming, closing, `instanceof BullAdapter`) is the adapter's own.
 */
const TRANSACTIONAL = Symbol('active-job:transactional-enqueue');

/** The `TransactionalEnqueue` behind an adapter proxy, or null for a plain adapter (e.g. one `withTestAdapter` put in). */
export function transactionalEnqueueOf(adapter: QueueAdapter): TransactionalEnqueue | null {
  return (adapter as unknown as Record<symbol, TransactionalEnqueue | undefined>)[TRANSACTIONAL] ?? null;
}

export class TransactionalEnqueue {
  private readonly logger = new Logger('ActiveJob');
  private readonly outboxFrames = new WeakSet<TransactionFrame>();
  private readonly commitListeners: (() => void)[] = [];

  constructor(
    readonly adapter: QueueAdapter,
    readonly options: ResolvedTransactionOptions,
    private readonly registry: JobRegistry,
  ) {}

  /** The adapter as a proxy whose `enqueue`, `enqueueAt` and `enqueueAll` go through here. */
  proxy(): QueueAdapter {
    const enqueue = (job: AdapterJob) => this.route(job, null) ?? this.adapter.enqueue(job);
    const enqueueAt = (job: AdapterJob, timestamp: number) => this.route(job, timestamp) ?? this.adapter.enqueueAt(job, timestamp);
    const enqueueAll = (jobs: readonly EnqueueAllJob[]) => this.routeAll(jobs);
    return new Proxy(this.adapter, {
      get: (target, key, receiver) => {
        if (key === TRANSACTIONAL) return this;
        if (key === 'enqueue') return enqueue;
        if (key === 'enqueueAt') return enqueueAt;
        if (key === 'enqueueAll') return target.enqueueAll || this.options.outbox || this.options.enqueueAfterCommit ? enqueueAll : undefined;
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Called after each commit that wrote to the outbox (the relay wakes up). */
  onOutboxCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  private route(job: AdapterJob, at: number | null): Promise<string> | undefined {
    const frame = currentTransaction();
    if (!frame || !this.waitsForCommit(job)) return undefined;
    return this.options.outbox ? this.writeOutbox(frame, [{ ...job, runAt: at }]).then(() => job.payload.jobId) : Promise.resolve(this.hold(frame, job, at));
  }

  private async routeAll(jobs: readonly EnqueueAllJob[]): Promise<EnqueueAllResult[]> {
    const frame = currentTransaction();
    const waiting = frame ? jobs.filter((job) => this.waitsForCommit(job)) : [];
    const now = jobs.filter((job) => !waiting.includes(job));
    const results = new Map<EnqueueAllJob, EnqueueAllResult>();
    if (waiting.length) {
      if (this.options.outbox) await this.writeOutbox(frame!, waiting);
      for (const job of waiting) results.set(job, { providerJobId: this.options.outbox ? job.payload.jobId : this.hold(frame!, job, job.runAt) });
    }
    if (now.length) {
      const stored = this.adapter.enqueueAll ? await this.adapter.enqueueAll(now) : await Promise.all(now.map((job) => this.enqueueOne(job)));
      now.forEach((job, index) => results.set(job, stored[index]));
    }
    return jobs.map((job) => results.get(job)!);
  }

  private waitsForCommit(job: AdapterJob): boolean {
    let declared: boolean | undefined;
    try {
      declared = Reflect.getMetadata(ENQUEUE_AFTER_COMMIT_METADATA, this.registry.forName(job.payload.jobClass).type);
    } catch {
      declared = undefined; // a class this registry does not know (a retry of an old job): the module's default
    }
    return declared ?? this.options.enqueueAfterCommit;
  }

  private async writeOutbox(frame: TransactionFrame, jobs: EnqueueAllJob[]): Promise<void> {
    await this.options.outbox!.write(
      frame.tx,
      jobs.map((job) => ({ id: job.payload.jobId, job })),
    );
    if (!this.outboxFrames.has(frame)) {
      this.outboxFrames.add(frame);
      frame.afterCommit.push(() => this.commitListeners.forEach((listener) => listener()));
    }
  }

  /** Enqueues at commit under the job's own id, so the handle returned now names the Bull job to come. */
  private hold(frame: TransactionFrame, job: AdapterJob, at: number | null): string {
    const held: AdapterJob = { ...job, providerJobId: job.payload.jobId };
    frame.afterCommit.push(() => {
      outsideJobTransaction(() => storeJob(this.adapter, held, at)).catch((error: unknown) =>
        this.logger.error(HELD_JOB_NOT_ENQUEUED(job.payload.jobClass, job.payload.jobId, error)),
      );
    });
    return held.providerJobId!;
  }

  private enqueueOne(job: EnqueueAllJob): Promise<EnqueueAllResult> {
    return storeEachJob(this.adapter, job);
  }
}
