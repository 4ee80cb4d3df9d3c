import { storeEachJob } from '../enqueuing/store-job';
import { Logger } from '@nestjs/common';
import type { EnqueueAllJob, EnqueueAllResult, QueueAdapter } from '../adapters/queue-adapter.interface';
import type { OutboxStore } from './outbox-store.interface';
import type { ResolvedTransactionOptions } from './resolve-transaction-options';
import { outsideJobTransaction } from './transaction-scope';
import { RELAY_FAILING, RELAY_MOVING_AGAIN } from './transactions.messages';

/**
 * Moves outbox entries to the queue: claim a batch (a lease, so other relays skip it), enqueue each
 * under its entry id as the Bull job id, delete what was stored. A relay that dies mid-batch leaves
 * its entries to come back when the lease ends; enqueueing one again finds the Bull job already
 * there (same id) and adds nothing, so each entry becomes one job.
 */
export class OutboxRelay {
  private readonly logger = new Logger('ActiveJob');
  private running = false;
  private round?: Promise<void>;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly adapter: QueueAdapter,
    private readonly options: ResolvedTransactionOptions['relay'],
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.round = outsideJobTransaction(() => this.loop());
  }

  /** Relays at once rather than at the next interval (after a commit that wrote to the outbox). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.round;
  }

  /** Moves one batch; returns how many entries became jobs. Throws when the queue refused them all. */
  async relayOnce(): Promise<number> {
    const entries = await this.store.claim(this.options.batchSize, this.options.leaseMs);
    if (entries.length === 0) return 0;
    const jobs = entries.map<EnqueueAllJob>((entry) => ({ ...entry.job, runAt: entry.job.runAt ?? null, providerJobId: entry.id }));
    const results = this.adapter.enqueueAll ? await this.adapter.enqueueAll(jobs) : await Promise.all(jobs.map((job) => this.enqueueOne(job)));
    const stored = entries.filter((_, index) => 'providerJobId' in results[index]).map((entry) => entry.id);
    const refused = entries.filter((_, index) => !('providerJobId' in results[index])).map((entry) => entry.id);
    if (stored.length) await this.store.remove(stored);
    if (refused.length) await this.store.release(refused);
    const failure = results.find((result): result is { error: Error } => 'error' in result);
    if (failure && stored.length === 0) throw failure.error;
    return stored.length;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.relayOnce();
        if (this.failing) this.logger.log(RELAY_MOVING_AGAIN(this.store.description));
        this.failing = false;
      } catch (error) {
        // Once per outage, not once per round: the entries wait in the outbox meanwhile.
        if (!this.failing) this.logger.warn(RELAY_FAILING(this.adapter.name, this.store.description, error));
        this.failing = true;
      }
      if (moved === this.options.batchSize || !this.running) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.options.intervalMs);
      });
      clearTimeout(this.timer);
      this.wake = undefined;
    }
  }

  private enqueueOne(job: EnqueueAllJob): Promise<EnqueueAllResult> {
    return storeEachJob(this.adapter, job);
  }
}
