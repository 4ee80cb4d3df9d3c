import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { ACTIVE_JOB_RESOLVED_OPTIONS, INSTRUMENTATION_SOURCE, QUEUE_ADAPTER } from '../active-job.constants';

import type { ResolvedActiveJobOptions } from '../active-job-options';
import type { AdapterJob, EnqueueAllResult, QueueAdapter } from '../adapters/queue-adapter.interface';
import type { ApplicationJob } from '../application-job';
import { EnqueueAllError } from '../errors/enqueue-all.error';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { JobExecutor } from '../execution/job-executor';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobArguments, JobResult, JobType } from '../interfaces/job-type.interface';
import type { SetOptions } from '../interfaces/set-options.interface';
import { checkPriority, checkQueueName, type JobDefinition, JobRegistry } from '../job-registry';
import { JobLogger } from '../logging/job-logger';
import { Arguments } from '../serialization/arguments';
import { toMilliseconds } from '../utils/duration';
import { buildPayload, type EnqueueTarget } from './build-payload';
import { ConfiguredJob } from './configured-job';
import { JobRuntime } from './job-runtime';
import { NO_CALLBACKS, runCallbackChain } from '../callbacks/callback-chain';
import { EnqueueAbortedError } from '../errors/enqueue-aborted.error';
import { type JobExecution, jobRunStorage, NEVER_ABORTED } from '../execution/job-execution';
import { publish } from '../instrumentation/channels';
import { instrumentedJob } from '../instrumentation/instrumented-job';
import type { JobEvent } from '../instrumentation/job-event.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import { FlowControl } from '../coordination/flow-control';

const SET_OPTION_KEYS = ['wait', 'waitUntil', 'queue', 'priority'];

/**
 * Enqueues and performs jobs by class, for code that prefers injection to the static methods.
 * Arguments are type-checked against the class's `perform`.
 *
 * @example
 * constructor(private readonly jobs: JobQueue) {}
 * await this.jobs.performLater(WelcomeEmailJob, user.id);
 * await this.jobs.set(WelcomeEmailJob, { wait: '10m' }).performLater(user.id);
 * @publicApi
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
    @Inject(ACTIVE_JOB_RESOLVED_OPTIONS) private readonly options: ResolvedActiveJobOptions,
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
    private readonly logger: JobLogger,
    private readonly executor: JobExecutor,
    @Inject(INSTRUMENTATION_SOURCE) private readonly source: object,
    private readonly flow: FlowControl,
  ) {}

  /** Enqueues one job to run as soon as a worker takes it. */
  performLater<J extends ApplicationJob>(type: JobType<J>, ...args: JobArguments<J>): Promise<EnqueuedJob> {
    return this.enqueue(type, args, {});
  }

  /** Enqueues one job per argument list in as few round trips as the adapter allows (Bull: `addBulk`). */
  performAllLater<J extends ApplicationJob>(type: JobType<J>, argumentLists: readonly JobArguments<J>[]): Promise<EnqueuedJob[]> {
    return this.enqueueAll(type, argumentLists, {});
  }

  /** Performs the job here and now, through DI and the perform path, and returns what `perform` returns. */
  async performNow<J extends ApplicationJob>(type: JobType<J>, ...args: JobArguments<J>): Promise<JobResult<J>> {
    return (await this.executor.performNow(this.registry.forType(type), args)) as JobResult<J>;
  }

  /** The job class with per-enqueue options: `wait`, `waitUntil`, `queue`, `priority`. */
  set<J extends ApplicationJob>(type: JobType<J>, options: SetOptions): ConfiguredJob<J> {
    return new ConfiguredJob(() => this, type, options);
  }

  /** @internal Used by ConfiguredJob and the static methods. */
  async enqueue(type: Function, args: readonly unknown[], options: SetOptions): Promise<EnqueuedJob> {
    const definition = this.registry.forType(type);
    const target = this.target(definition, options);
    const payload = buildPayload(definition, args, target, this.serializer, this.options.maxPayloadBytes);
    if (definition.enqueueCallbacks === NO_CALLBACKS) return this.store(definition, payload, args, target);
    const execution = enqueueExecution(payload, args);
    const instance = await definition.instance(execution);
    let enqueued: EnqueuedJob | undefined;
    const run = { execution, retry: () => Promise.reject(new Error('retryJob() works only while the job performs')) };
    await jobRunStorage.run(run, () =>
      runCallbackChain(instance, definition.enqueueCallbacks, async () => {
        enqueued = await this.store(definition, payload, args, target);
      }),
    );
    if (enqueued) return enqueued;
    publish(channelOf(target), () => ({ ...this.event(definition, payload, args), aborted: true }));
    throw new EnqueueAbortedError(definition.name);
  }

  private store(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], target: EnqueueTarget): Promise<EnqueuedJob> {
    return this.flow.enqueue(definition, payload, args, () => this.storeNow(definition, payload, args, target));
  }

  private async storeNow(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], target: EnqueueTarget): Promise<EnqueuedJob> {
    const job: AdapterJob = { payload, options: definition.providerOptions };
    const startedAt = performance.now();
    let providerJobId: string;
    try {
      providerJobId = target.runAt === null ? await this.adapter.enqueue(job) : await this.adapter.enqueueAt(job, target.runAt);
    } catch (error) {
      publish(channelOf(target), () => ({ ...this.event(definition, payload, args), error, durationMs: performance.now() - startedAt }));
      throw error;
    }
    publish(channelOf(target), () => ({ ...this.event(definition, payload, args, providerJobId), durationMs: performance.now() - startedAt }));
    return { jobId: payload.jobId, providerJobId, queueName: target.queueName, scheduledAt: toDate(target.runAt) };
  }

  private event(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], providerJobId?: string): JobEvent {
    return { source: this.source, adapter: this.adapter.name, job: instrumentedJob(payload, args, providerJobId), logArguments: definition.logArguments };
  }

  /** @internal */
  async enqueueAll(type: Function, argumentLists: readonly (readonly unknown[])[], options: SetOptions): Promise<EnqueuedJob[]> {
    const definition = this.registry.forType(type);
    if (!Array.isArray(argumentLists) || argumentLists.some((args) => !Array.isArray(args))) {
      throw new InvalidJobOptionsError(`performAllLater takes an array of argument lists, e.g. [[1], [2]] for ${definition.name}`);
    }
    if (argumentLists.length === 0) return [];
    // Each unique job goes through its own lock; a bulk add cannot stop at a duplicate.
    if (definition.unique) return Promise.all(argumentLists.map((args) => this.enqueue(type, args, options)));
    const target = this.target(definition, options);
    // Every payload is built before the first is stored: one bad argument refuses the whole batch.
    const jobs = argumentLists.map<AdapterJob>((args) => ({
      payload: buildPayload(definition, args, target, this.serializer, this.options.maxPayloadBytes),
      options: definition.providerOptions,
    }));
    const startedAt = performance.now();
    const results = this.adapter.enqueueAll ? await this.adapter.enqueueAll(jobs) : await this.enqueueOneByOne(jobs, target);
    const enqueued: EnqueuedJob[] = [];
    const failed: { index: number; error: Error }[] = [];
    results.forEach((result, index) => {
      if ('error' in result) failed.push({ index, error: result.error });
      else enqueued.push({ jobId: jobs[index].payload.jobId, providerJobId: result.providerJobId, queueName: target.queueName, scheduledAt: toDate(target.runAt) });
    });
    publish('enqueueAll', () => ({
      source: this.source,
      adapter: this.adapter.name,
      jobClass: definition.name,
      queueName: target.queueName,
      enqueuedCount: enqueued.length,
      failedCount: failed.length,
      durationMs: performance.now() - startedAt,
      error: failed[0]?.error,
    }));
    if (failed.length) throw new EnqueueAllError(enqueued, failed);
    return enqueued;
  }

  onModuleInit(): void {
    this.logger.start();
  }

  onApplicationShutdown(): void {
    JobRuntime.unbindAll(this);
    this.logger.stop();
  }

  private async enqueueOneByOne(jobs: AdapterJob[], target: EnqueueTarget): Promise<EnqueueAllResult[]> {
    const results: EnqueueAllResult[] = [];
    for (const job of jobs) {
      try {
        const providerJobId = target.runAt === null ? await this.adapter.enqueue(job) : await this.adapter.enqueueAt(job, target.runAt);
        results.push({ providerJobId });
      } catch (error) {
        results.push({ error: error as Error });
      }
    }
    return results;
  }

  private target(definition: JobDefinition, options: SetOptions): EnqueueTarget {
    const unknown = Object.keys(options ?? {}).find((key) => !SET_OPTION_KEYS.includes(key));
    if (unknown) throw new InvalidJobOptionsError(`Unknown set() option "${unknown}"; known options are ${SET_OPTION_KEYS.join(', ')}`);
    const { wait, waitUntil, queue, priority } = options;
    if (wait !== undefined && waitUntil !== undefined) throw new InvalidJobOptionsError('set() takes wait or waitUntil, not both');
    return {
      queueName: queue === undefined ? definition.queueName : checkQueueName(queue, 'set() queue'),
      priority: priority === undefined ? definition.priority : checkPriority(priority, 'set() priority'),
      runAt: wait !== undefined ? runAfter(toMilliseconds(wait, 'set() wait')) : waitUntil !== undefined ? runAtTime(waitUntil) : null,
    };
  }
}

function runAfter(ms: number): number | null {
  return ms > 0 ? Date.now() + ms : null;
}

function runAtTime(waitUntil: Date | number): number {
  const time = waitUntil instanceof Date ? waitUntil.getTime() : waitUntil;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new InvalidJobOptionsError(`set() waitUntil must be a valid Date or epoch milliseconds, got ${String(waitUntil)}`);
  }
  return time;
}

function toDate(epochMs: number | null): Date | null {
  return epochMs === null ? null : new Date(epochMs);
}

function channelOf(target: EnqueueTarget): 'enqueue' | 'enqueueAt' {
  return target.runAt === null ? 'enqueue' : 'enqueueAt';
}

/** What enqueue callbacks see as the job's run: its id, queue and arguments, no executions yet. */
function enqueueExecution(payload: JobPayload, args: readonly unknown[]): JobExecution {
  return {
    jobClass: payload.jobClass,
    jobId: payload.jobId,
    providerJobId: '',
    queueName: payload.queueName,
    priority: payload.priority,
    arguments: args,
    executions: payload.executions,
    exceptionExecutions: payload.exceptionExecutions,
    enqueuedAt: new Date(payload.enqueuedAt),
    scheduledAt: payload.scheduledAt ? new Date(payload.scheduledAt) : null,
    signal: NEVER_ABORTED,
  };
}
