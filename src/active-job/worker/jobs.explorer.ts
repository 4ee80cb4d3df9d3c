import { LIMITER_DURATION_TOO_SHORT, PROCESSOR_DECLARED_TWICE } from '../active-job.messages';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit, type Type } from '@nestjs/common';
import { ContextIdFactory, DiscoveryService, ModuleRef } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { QUEUE_ADAPTER } from '../active-job.constants';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { ApplicationJob } from '../application-job';
import type { ProcessorMetadata } from '../decorators/processor.decorator';
import { JobQueue } from '../enqueuing/job-queue.service';
import { JobRuntime } from '../enqueuing/job-runtime';
import type { ConsumeOptions } from '../adapters/consuming-adapter.interface';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { toMilliseconds } from '../utils/duration';
import { type JobDefinition, JobRegistry } from '../job-registry';
import { checkQueueName, positiveInteger } from '../validation/option-checks';
import { JobMetadataAccessor } from './job-metadata.accessor';
import { closeOnFailedStart } from './close-on-failed-start';
import { providerClass } from './provider-class';

/** A `@Processor` with its options checked and its limiter's duration in ms. */
export interface ResolvedProcessor {
  queue: string;
  concurrency?: number;
  limiter?: ConsumeOptions['limiter'];
  declared: ProcessorMetadata;
  /** The class the decorator is on, for the error that refuses a second one. */
  declaredOn: string;
}

/**
 * Finds job classes and `@Processor` declarations among all providers once modules are initialized,
 * registers them, and owns their binding to the static runtime (`Job.performLater`) for the app's life.
 */
@Injectable()
export class JobsExplorer implements OnModuleInit, OnApplicationShutdown {
  private readonly processorsByQueue = new Map<string, ResolvedProcessor>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly accessor: JobMetadataAccessor,
    private readonly moduleRef: ModuleRef,
    private readonly registry: JobRegistry,
    private readonly jobQueue: JobQueue,
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
  ) {}

  onModuleInit(): Promise<void> {
    // A job class or @Processor refused here fails the app's start: its Redis connections must not outlive it.
    return closeOnFailedStart(this.adapter, () => {
      for (const wrapper of this.discovery.getProviders()) {
        const type = providerClass(wrapper);
        if (!type) continue;
        if (type.prototype instanceof ApplicationJob) this.registerJob(type as Type<ApplicationJob>, wrapper);
        const processor = this.accessor.getProcessorMetadata(type);
        if (processor) this.registerProcessor(type, processor);
      }
    });
  }

  onApplicationShutdown(): void {
    JobRuntime.unbindAll(this.jobQueue);
  }

  processors(): ReadonlyMap<string, ResolvedProcessor> {
    return this.processorsByQueue;
  }

  private registerJob(type: Type<ApplicationJob>, wrapper: InstanceWrapper): void {
    this.registry.register(type, this.accessor.getJobOptions(type) ?? {}, this.instanceResolver(type, wrapper));
    JobRuntime.bind(type, this.jobQueue);
  }

  private instanceResolver(type: Type<ApplicationJob>, wrapper: InstanceWrapper): JobDefinition['instance'] {
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      const instance = wrapper.instance as ApplicationJob;
      return () => instance;
    }
    // Transient and request-scoped jobs get a fresh instance per run; REQUEST is the job's execution.
    return (execution) => {
      const contextId = ContextIdFactory.create();
      this.moduleRef.registerRequestByContextId(execution, contextId);
      return this.moduleRef.resolve(type, contextId, { strict: false });
    };
  }

  private registerProcessor(type: Function, processor: ProcessorMetadata): void {
    const at = `@Processor() on ${type.name}`;
    checkQueueName(processor.queue, `${at}: queue`);
    const existing = this.processorsByQueue.get(processor.queue);
    if (existing && existing.declared !== processor) {
      throw new InvalidJobOptionsError(PROCESSOR_DECLARED_TWICE(at, processor.queue, existing.declaredOn));
    }
    if (processor.concurrency !== undefined) positiveInteger(processor.concurrency, `${at}: concurrency`);
    let limiter: ConsumeOptions['limiter'];
    if (processor.limiter !== undefined) {
      const duration = toMilliseconds(processor.limiter?.duration, `${at}: limiter.duration`);
      if (duration < 1) throw new InvalidJobOptionsError(LIMITER_DURATION_TOO_SHORT(at, processor.limiter.duration));
      limiter = { max: positiveInteger(processor.limiter?.max, `${at}: limiter.max`), duration };
    }
    this.processorsByQueue.set(processor.queue, {
      queue: processor.queue,
      concurrency: processor.concurrency,
      limiter,
      declared: processor,
      declaredOn: type.name,
    });
  }
}
