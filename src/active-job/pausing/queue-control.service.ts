import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUE_ADAPTER } from '../active-job.constants';
import { isConsumingAdapter } from '../adapters/consuming-adapter.interface';
import { bullQueueOf } from '../adapters/provider-queue';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { JobRegistry } from '../job-registry';
import { checkQueueName } from '../validation/option-checks';
import type { QueueState } from './queue-state.interface';

/**
 * Pauses and resumes queues for every worker at once (Mission Control's and Sidekiq Web's pause,
 * Bull's global `queue.pause()`): the flag lives in Redis, so every process, Bull Board included,
 * sees it. Jobs already running finish; enqueueing goes on, and nothing starts until `resume`.
 *
 * @example
 * constructor(private readonly queues: QueueControl) {}
 * await this.queues.pause('mailers');   // e.g. while the SMTP provider is down
 * await this.queues.resume('mailers');
 * @publicApi
 */
@Injectable()
export class QueueControl {
  constructor(
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
    private readonly registry: JobRegistry,
  ) {}

  /** Stops every worker from starting jobs of `queue`; resolves once Redis holds the flag. */
  async pause(queue: string): Promise<void> {
    await this.queue(queue).pause(false);
  }

  /** Lets every worker start jobs of `queue` again, the ones enqueued meanwhile first. */
  async resume(queue: string): Promise<void> {
    await this.queue(queue).resume(false);
  }

  /**
   * Every Bull queue this application has opened (none with another adapter), e.g. to put them all on Bull Board.
   *
   * @example
   * for (const queue of queueControl.bullQueues()) board.addQueue(new BullAdapter(queue));
   */
  bullQueues(): Queue[] {
    return isConsumingAdapter(this.adapter) ? ((this.adapter.providerQueues?.() ?? []) as Queue[]) : [];
  }

  async isPaused(queue: string): Promise<boolean> {
    return this.queue(queue).isPaused(false);
  }

  /** Each queue a registered job names, with whether it is paused. */
  async list(): Promise<QueueState[]> {
    return Promise.all(this.registry.queueNames().map(async (name) => ({ name, paused: await this.isPaused(name) })));
  }

  private queue(name: string): Queue {
    return bullQueueOf(this.adapter, checkQueueName(name, 'QueueControl queue'), 'Pausing queues for every worker');
  }
}
