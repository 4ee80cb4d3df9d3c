import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ACTIVE_JOB_RESOLVED_OPTIONS, QUEUE_ADAPTER } from '../active-job.constants';
import type { ResolvedActiveJobOptions } from '../active-job-options';
import { type ConsumingAdapter, isConsumingAdapter } from '../adapters/consuming-adapter.interface';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { JobExecutor } from '../execution/job-executor';
import { performsHere } from './performs-here';
import { JobRegistry } from '../job-registry';
import { JobsExplorer } from './jobs.explorer';
import { DYNAMICALLY_ROUTED, QUEUES_NOT_CONSUMED, WORKER_CONSUMING } from '../active-job.messages';

/**
 * Attaches the perform path to the adapter, starts consuming queues once the application has bootstrapped, and stops in two steps on
 * shutdown: drain (no new jobs, in-flight ones finish up to `shutdownTimeout`) while the rest of
 * the app is still up, then close connections.
 */
@Injectable()
export class WorkerOrchestrator implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('ActiveJob');
  private consuming: string[] = [];

  constructor(
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
    @Inject(ACTIVE_JOB_RESOLVED_OPTIONS) private readonly options: ResolvedActiveJobOptions,
    private readonly registry: JobRegistry,
    private readonly explorer: JobsExplorer,
    private readonly executor: JobExecutor,
  ) {}

  private get consumer(): ConsumingAdapter | undefined {
    return isConsumingAdapter(this.adapter) ? this.adapter : undefined;
  }

  onModuleInit(): void {
    this.consumer?.attach(this.executor.perform);
  }

  /** The queues this process consumes (empty in a web process on Bull). */
  get consumedQueues(): readonly string[] {
    return this.consuming;
  }

  onApplicationBootstrap(): void {
    const consumer = this.consumer;
    if (!consumer?.consume || !performsHere(this.adapter, this.options)) return;
    const processors = this.explorer.processors();
    // Every queue a job can reach, its retry queues included, so a retry routed elsewhere is performed too.
    const queues = this.options.worker.queues ?? [...new Set([...this.registry.queueNames(), ...processors.keys()])];
    for (const queue of queues) {
      const processor = processors.get(queue);
      const concurrency = processor?.concurrency ?? this.options.worker.concurrency;
      consumer.consume(queue, { concurrency, limiter: processor?.limiter });
    }
    this.warnAboutUnconsumedQueues(queues);
    this.consuming = queues;
    if (this.options.worker.enabled) {
      const list = queues.map((queue) => `${queue} (concurrency ${processors.get(queue)?.concurrency ?? this.options.worker.concurrency})`);
      this.logger.log(WORKER_CONSUMING(this.adapter.name, list));
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.consuming.length) await this.consumer?.drain?.(this.options.worker.shutdownTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close?.();
  }

  /** Queues jobs are routed to that this worker does not consume are named at startup: their jobs would wait there. */
  private warnAboutUnconsumedQueues(queues: readonly string[]): void {
    if (!this.options.worker.enabled) return;
    const missing = this.registry.queueNames().filter((queue) => !queues.includes(queue));
    if (missing.length) {
      this.logger.warn(QUEUES_NOT_CONSUMED(missing));
    }
    const dynamic = this.registry.dynamicallyRouted();
    if (dynamic.length) {
      this.logger.warn(DYNAMICALLY_ROUTED(dynamic));
    }
  }
}
