import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QUEUE_ADAPTER } from '../active-job.constants';
import { BullAdapter } from '../adapters/bull.adapter';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { checkQueueName, JobRegistry } from '../job-registry';
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

  async isPaused(queue: string): Promise<boolean> {
    return this.queue(queue).isPaused(false);
  }

  /** Each queue a registered job names, with whether it is paused. */
  async list(): Promise<QueueState[]> {
    return Promise.all(this.registry.queueNames().map(async (name) => ({ name, paused: await this.isPaused(name) })));
  }

  private queue(name: string): Queue {
    if (!(this.adapter instanceof BullAdapter)) {
      throw new InvalidJobOptionsError(`Queues are paused in Redis, for all workers, only with the bull adapter; this application uses ${this.adapter.name}`);
    }
    return this.adapter.registry.get(checkQueueName(name, 'QueueControl queue'));
  }
}
