import { FOR_ROOT_ASYNC_NEEDS_FACTORY, NOT_A_JOB_CLASS } from './active-job.messages';
import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import {
  ACTIVE_JOB_MODULE_OPTIONS,
  ACTIVE_JOB_RESOLVED_OPTIONS,
  DEFAULT_QUEUE_NAME,
  INSTRUMENTATION_SOURCE,
  JOB_METADATA,
  QUEUE_ADAPTER,
} from './active-job.constants';
import { resolveOptions, type ResolvedActiveJobOptions } from './active-job-options';
import { isConsumingAdapter } from './adapters/consuming-adapter.interface';
import { JobEnqueuer } from './enqueuing/job-enqueuer';
import { createAdapter } from './adapters/create-adapter';
import type { QueueAdapter } from './adapters/queue-adapter.interface';
import { ApplicationJob } from './application-job';
import { JobQueue } from './enqueuing/job-queue.service';
import { FailedJobs } from './failed-jobs/failed-jobs.service';
import { InvalidJobOptionsError } from './errors/invalid-job-options.error';
import { JobExecutor } from './execution/job-executor';
import type { ActiveJobModuleAsyncOptions, ActiveJobModuleOptions, ActiveJobOptionsFactory } from './interfaces/active-job-module-options.interface';
import type { JobOptions } from './interfaces/job-options.interface';
import { JobRegistry } from './job-registry';
import { JobLogger } from './logging/job-logger';
import { Arguments } from './serialization/arguments';
import { JobMetadataAccessor } from './worker/job-metadata.accessor';
import { JobsExplorer } from './worker/jobs.explorer';
import { WorkerOrchestrator } from './worker/worker.orchestrator';
import { QueueControl } from './pausing/queue-control.service';
import { coordinationStoreFor, FlowControl } from './coordination/flow-control';
import { RecurringScheduler } from './recurring/recurring-scheduler';
import { RecurringTasks } from './recurring/recurring-tasks.service';
import { OutboxRelayService } from './transactions/outbox-relay.service';
import { TRANSACTIONAL_ENQUEUE } from './transactions/transaction.constants';
import { TransactionalEnqueue, transactionalEnqueueOf } from './transactions/transactional-enqueue';

/**
 * ActiveJob for Nest: `forRoot` once in the app module, `forFeature([Jobs])` where jobs live.
 *
 * @example
 * @Module({
 *   imports: [
 *     ActiveJobModule.forRoot({ connection: process.env.REDIS_URL, worker: { enabled: process.env.WORKER === '1' } }),
 *     ActiveJobModule.forFeature([WelcomeEmailJob]),
 *   ],
 * })
 * export class AppModule {}
 * @publicApi
 */
export interface ForFeatureOptions {
  /** Modules whose exported providers the job classes inject. */
  imports?: DynamicModule['imports'];
}

@Module({})
export class ActiveJobModule {
  /** Configures the backend, Redis, job defaults and worker mode for the whole application. */
  static forRoot(options: ActiveJobModuleOptions = {}): DynamicModule {
    return this.root([{ provide: ACTIVE_JOB_MODULE_OPTIONS, useValue: options }], []);
  }

  /** As `forRoot`, with options from a factory, a class or an existing provider (e.g. `ConfigService`). */
  static forRootAsync(options: ActiveJobModuleAsyncOptions): DynamicModule {
    return this.root(asyncOptionsProviders(options), options.imports ?? []);
  }

  /**
   * Registers job classes as providers, with access to what `imports` export (and to global
   * modules), and their queues as `@InjectQueue(name)` Bull queues (one instance per name).
   * A job class listed directly in a module's `providers` is found as well.
   *
   * @example
   * ActiveJobModule.forFeature([WelcomeEmailJob], { imports: [UsersModule, MailerModule] })
   */
  static forFeature(jobs: Type<ApplicationJob>[], options: ForFeatureOptions = {}): DynamicModule {
    for (const job of jobs) {
      if (typeof job !== 'function' || !(job.prototype instanceof ApplicationJob)) {
        throw new InvalidJobOptionsError(NOT_A_JOB_CLASS(String(job?.name ?? job)));
      }
    }
    const declared = jobs.map((job) => (Reflect.getMetadata(JOB_METADATA, job) as JobOptions | undefined) ?? {});
    // @InjectQueue('mailers') takes the name as declared; a queue chosen by a function has no fixed Bull queue to inject.
    const queueNames = [...new Set(declared.flatMap((job) => (typeof job.queue === 'function' ? [] : [job.queue ?? DEFAULT_QUEUE_NAME])))];
    const queueProviders: Provider[] = queueNames.map((name) => ({
      provide: getQueueToken(name),
      // Every module resolves the same Bull queue from the adapter; with other adapters there is no Bull queue.
      useFactory: (adapter: QueueAdapter, options: ResolvedActiveJobOptions) =>
        (isConsumingAdapter(adapter) && adapter.providerQueue?.(prefixedQueueName(name, options))) || null,
      inject: [QUEUE_ADAPTER, ACTIVE_JOB_RESOLVED_OPTIONS],
    }));
    return {
      module: ActiveJobModule,
      imports: options.imports ?? [],
      providers: [...jobs, ...queueProviders],
      exports: [...jobs, ...queueProviders],
    };
  }

  private static root(optionsProviders: Provider[], imports: DynamicModule['imports']): DynamicModule {
    return {
      global: true,
      module: ActiveJobModule,
      imports: [DiscoveryModule, ...(imports ?? [])],
      providers: [
        ...optionsProviders,
        { provide: ACTIVE_JOB_RESOLVED_OPTIONS, useFactory: (options: ActiveJobModuleOptions) => resolveOptions(options), inject: [ACTIVE_JOB_MODULE_OPTIONS] },
        // With `transactions`, the adapter's producer side is wrapped; the adapter itself is unchanged.
        {
          provide: QUEUE_ADAPTER,
          useFactory: (options: ResolvedActiveJobOptions, registry: JobRegistry) =>
            options.transactions ? new TransactionalEnqueue(createAdapter(options), options.transactions, registry).proxy() : createAdapter(options),
          inject: [ACTIVE_JOB_RESOLVED_OPTIONS, JobRegistry],
        },
        { provide: TRANSACTIONAL_ENQUEUE, useFactory: transactionalEnqueueOf, inject: [QUEUE_ADAPTER] },
        { provide: Arguments, useFactory: (options: ResolvedActiveJobOptions) => new Arguments(options.serializers), inject: [ACTIVE_JOB_RESOLVED_OPTIONS] },
        { provide: JobRegistry, useFactory: (options: ResolvedActiveJobOptions) => new JobRegistry(options), inject: [ACTIVE_JOB_RESOLVED_OPTIONS] },
        { provide: INSTRUMENTATION_SOURCE, useFactory: () => ({ name: 'ActiveJobModule' }) },
        {
          provide: JobLogger,
          useFactory: (source: object, options: ResolvedActiveJobOptions) => new JobLogger(source, options.logLines),
          inject: [INSTRUMENTATION_SOURCE, ACTIVE_JOB_RESOLVED_OPTIONS],
        },
        {
          provide: FlowControl,
          useFactory: (adapter: QueueAdapter, registry: JobRegistry, options: ResolvedActiveJobOptions) =>
            new FlowControl(coordinationStoreFor(adapter, options), adapter, registry, options),
          inject: [QUEUE_ADAPTER, JobRegistry, ACTIVE_JOB_RESOLVED_OPTIONS],
        },
        {
          provide: JobExecutor,
          useFactory: (
            registry: JobRegistry,
            serializer: Arguments,
            adapter: QueueAdapter,
            source: object,
            flow: FlowControl,
            enqueuer: JobEnqueuer,
            options: ResolvedActiveJobOptions,
          ) => new JobExecutor(registry, serializer, adapter, source, flow, enqueuer, options.errorReporter),
          inject: [JobRegistry, Arguments, QUEUE_ADAPTER, INSTRUMENTATION_SOURCE, FlowControl, JobEnqueuer, ACTIVE_JOB_RESOLVED_OPTIONS],
        },
        {
          provide: JobEnqueuer,
          useFactory: (adapter: QueueAdapter, options: ResolvedActiveJobOptions, serializer: Arguments, source: object, flow: FlowControl) =>
            new JobEnqueuer(adapter, options, serializer, source, flow),
          inject: [QUEUE_ADAPTER, ACTIVE_JOB_RESOLVED_OPTIONS, Arguments, INSTRUMENTATION_SOURCE, FlowControl],
        },
        JobQueue,
        FailedJobs,
        QueueControl,
        RecurringScheduler,
        RecurringTasks,
        JobMetadataAccessor,
        JobsExplorer,
        WorkerOrchestrator,
        OutboxRelayService,
      ],
      exports: [
        JobQueue,
        FailedJobs,
        QueueControl,
        RecurringTasks,
        QUEUE_ADAPTER,
        ACTIVE_JOB_RESOLVED_OPTIONS,
        WorkerOrchestrator,
        OutboxRelayService,
        JobRegistry,
      ],
    };
  }
}

function asyncOptionsProviders(options: ActiveJobModuleAsyncOptions): Provider[] {
  if (options.useFactory) {
    return [{ provide: ACTIVE_JOB_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }];
  }
  const factoryClass = options.useClass ?? options.useExisting;
  if (!factoryClass) {
    throw new InvalidJobOptionsError(FOR_ROOT_ASYNC_NEEDS_FACTORY());
  }
  return [
    ...(options.useClass ? [{ provide: options.useClass, useClass: options.useClass }] : []),
    {
      provide: ACTIVE_JOB_MODULE_OPTIONS,
      useFactory: (factory: ActiveJobOptionsFactory) => factory.createActiveJobOptions(),
      inject: [factoryClass],
    },
  ];
}

/** The Bull queue name of a queue declared by name: the module's queue name prefix applied. */
function prefixedQueueName(name: string, options: ResolvedActiveJobOptions): string {
  return options.queueNamePrefix ? `${options.queueNamePrefix}${options.queueNameDelimiter}${name}` : name;
}
