import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { ACTIVE_JOB_RESOLVED_OPTIONS, QUEUE_ADAPTER } from '../active-job.constants';
import type { ResolvedActiveJobOptions } from '../active-job-options';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { JobRegistry } from '../job-registry';
import { JobsExplorer } from './jobs.explorer';

/**
 * Starts consuming queues once the application has bootstrapped, and stops in two steps on
 * shutdown: drain (no new jobs, in-flight ones finish up to `shutdownTimeout`) while the rest of
 * the app is still up, then close connections.
 */
@Injectable()
export class WorkerOrchestrator implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('ActiveJob');
  private consuming: string[] = [];

  constructor(
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
    @Inject(ACTIVE_JOB_RESOLVED_OPTIONS) private readonly options: ResolvedActiveJobOptions,
    private readonly registry: JobRegistry,
    private readonly explorer: JobsExplorer,
  ) {}

  /** The queues this process consumes (empty in a web process on Bull). */
  get consumedQueues(): readonly string[] {
    return this.consuming;
  }

  onApplicationBootstrap(): void {
    if (!this.adapter.consume || !(this.options.worker.enabled || this.adapter.performsInProcess)) return;
    const processors = this.explorer.processors();
    const queues = this.options.worker.queues ?? [...new Set([...this.registry.queueNames(), ...processors.keys()])];
    for (const queue of queues) {
      const processor = processors.get(queue);
      const concurrency = processor?.concurrency ?? this.options.worker.concurrency;
      this.adapter.consume(queue, { concurrency, limiter: processor?.limiter });
    }
    this.consuming = queues;
    if (this.options.worker.enabled) {
      const list = queues.map((queue) => `${queue} (concurrency ${processors.get(queue)?.concurrency ?? this.options.worker.concurrency})`);
      this.logger.log(`Worker consuming ${this.adapter.name} queues: ${list.join(', ') || 'none'}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.consuming.length) await this.adapter.drain?.(this.options.worker.shutdownTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.adapter.close?.();
  }
}
