import { RETRY_OUTSIDE_PERFORM } from '../active-job.messages';
import { performance } from 'node:perf_hooks';
import type { ResolvedActiveJobOptions } from '../active-job-options';
import type { EnqueueAllJob, EnqueueAllResult, QueueAdapter } from '../adapters/queue-adapter.interface';
import { NO_CALLBACKS, runCallbackChain } from '../callbacks/callback-chain';
import type { FlowControl } from '../coordination/flow-control';
import { EnqueueAbortedError } from '../errors/enqueue-aborted.error';
import { EnqueueAllError } from '../errors/enqueue-all.error';
import { OutsideJobRunError } from '../errors/outside-job-run.error';
import { type JobExecution, jobRunStorage, NEVER_ABORTED } from '../execution/job-execution';
import { emit, listened, publish } from '../instrumentation/channels';
import { instrumentedJob } from '../instrumentation/instrumented-job';
import type { JobEvent } from '../instrumentation/job-event.interface';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobPayload } from '../interfaces/job-payload.interface';
import type { JobDefinition } from '../job-registry';
import type { Arguments } from '../serialization/arguments';
import { buildPayload, type EnqueueTarget } from './build-payload';
import { storeJob } from './store-job';

/** One job of a bulk enqueue, its target worked out. */
export interface BulkEntry {
  definition: JobDefinition;
  args: readonly unknown[];
  target: EnqueueTarget;
}

/**
 * ActiveJob's Enqueuing concern, the one path every job takes to the adapter: `performLater`,
 * `set().performLater`, bulk enqueues and retries (`@RetryOn`, `retryJob`, `retryAfter`). Enqueue
 * callbacks, unique locks, the `enqueue` / `enqueue_at` events and their log lines happen here.
 */
export class JobEnqueuer {
  constructor(
    private readonly adapter: QueueAdapter,
    private readonly options: Pick<ResolvedActiveJobOptions, 'maxPayloadBytes'>,
    private readonly serializer: Arguments,
    private readonly source: object,
    private readonly flow: FlowControl,
  ) {}

  /** A new job: its payload built from the arguments, then enqueued. */
  enqueue(definition: JobDefinition, args: readonly unknown[], target: EnqueueTarget): Promise<EnqueuedJob> {
    const payload = buildPayload(definition, args, target, this.serializer, this.options.maxPayloadBytes);
    return this.enqueuePayload(definition, payload, args, target.runAt);
  }

  /**
   * Enqueues a payload through the job's enqueue callbacks (which see its `executions` and
   * `scheduledAt`); rejects with `EnqueueAbortedError` when one halts. A retry comes here with its
   * job's id and counters. Most classes have no enqueue callback: their job goes straight to the
   * store, without a promise more.
   */
  enqueuePayload(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], runAt: number | null, retry = false): Promise<EnqueuedJob> {
    if (definition.enqueueCallbacks === NO_CALLBACKS) return this.store(definition, payload, args, runAt, retry);
    return this.enqueueThroughCallbacks(definition, payload, args, runAt, retry);
  }

  private async enqueueThroughCallbacks(
    definition: JobDefinition,
    payload: JobPayload,
    args: readonly unknown[],
    runAt: number | null,
    retry: boolean,
  ): Promise<EnqueuedJob> {
    const execution = enqueueExecution(payload, args);
    const instance = await definition.instance(execution);
    let enqueued: EnqueuedJob | undefined;
    const run = { execution, retry: () => Promise.reject(new OutsideJobRunError(RETRY_OUTSIDE_PERFORM())) };
    await jobRunStorage.run(run, () =>
      runCallbackChain(instance, definition.enqueueCallbacks, async () => {
        enqueued = await this.store(definition, payload, args, runAt, retry);
        return enqueued;
      }),
    );
    if (enqueued) return enqueued;
    publish(channelOf(runAt), () => ({ ...this.event(definition, payload, args), aborted: true }));
    throw new EnqueueAbortedError(definition.name);
  }

  /**
   * Many jobs, of one class or several, in as few round trips as the adapter allows (Bull: one
   * `addBulk` per queue and chunk). As ActiveJob's `perform_all_later`, no enqueue callbacks run.
   * Every payload is built before the first is stored: one bad argument refuses the whole batch.
   */
  async enqueueAll(entries: readonly BulkEntry[]): Promise<EnqueuedJob[]> {
    if (entries.length === 0) return [];
    const jobs = entries.map<EnqueueAllJob>(({ definition, args, target }) => ({
      payload: buildPayload(definition, args, target, this.serializer, this.options.maxPayloadBytes),
      options: definition.providerOptions,
      runAt: target.runAt,
    }));
    const startedAt = performance.now();
    const results = await this.storeAll(entries, jobs);
    const enqueued: EnqueuedJob[] = [];
    const failed: { index: number; error: Error }[] = [];
    results.forEach((result, index) => {
      if ('error' in result) failed.push({ index, error: result.error });
      else enqueued.push(result.enqueued ?? handle(jobs[index].payload, result.providerJobId, jobs[index].runAt));
    });
    publish('enqueueAll', () => ({
      source: this.source,
      adapter: this.adapter.name,
      jobClass: [...new Set(entries.map((entry) => entry.definition.name))].join(', '),
      queueName: [...new Set(jobs.map((job) => job.payload.queueName))].join(', '),
      enqueuedCount: enqueued.length,
      failedCount: failed.length,
      durationMs: performance.now() - startedAt,
      error: failed[0]?.error,
    }));
    if (failed.length) throw new EnqueueAllError(enqueued, failed);
    return enqueued;
  }

  private async storeAll(entries: readonly BulkEntry[], jobs: EnqueueAllJob[]): Promise<(EnqueueAllResult & { enqueued?: EnqueuedJob })[]> {
    // Unique jobs go one by one through their lock: a bulk add cannot stop at a duplicate.
    if (this.adapter.enqueueAll && !entries.some((entry) => entry.definition.unique)) return this.adapter.enqueueAll(jobs);
    const results: (EnqueueAllResult & { enqueued?: EnqueuedJob })[] = [];
    for (const [index, job] of jobs.entries()) {
      try {
        const { definition, args } = entries[index];
        const stored = await this.flow.enqueue(definition, job.payload, args, async () =>
          handle(job.payload, await storeJob(this.adapter, job, job.runAt), job.runAt),
        );
        results.push({ providerJobId: stored.providerJobId, enqueued: stored }); // a duplicate's handle is the stored job's
      } catch (error) {
        results.push({ error: error as Error });
      }
    }
    return results;
  }

  private store(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], runAt: number | null, retry: boolean): Promise<EnqueuedJob> {
    if (!definition.unique) return this.storeNow(definition, payload, args, runAt); // only unique jobs go through flow control
    return this.flow.enqueue(definition, payload, args, () => this.storeNow(definition, payload, args, runAt), retry);
  }

  private storeNow(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], runAt: number | null): Promise<EnqueuedJob> {
    const channel = channelOf(runAt);
    const startedAt = performance.now();
    let stored: Promise<string>;
    try {
      stored = storeJob(this.adapter, { payload, options: definition.providerOptions }, runAt);
    } catch (error) {
      stored = Promise.reject(error); // an adapter that throws fails its own job, as one that rejects
    }
    return stored.then(
      (providerJobId) => {
        if (listened(channel)) emit(channel, this.event(definition, payload, args, providerJobId, performance.now() - startedAt));
        return handle(payload, providerJobId, runAt);
      },
      (error: unknown) => {
        publish(channel, () => ({ ...this.event(definition, payload, args, undefined, performance.now() - startedAt), error }));
        throw error;
      },
    );
  }

  private event(definition: JobDefinition, payload: JobPayload, args: readonly unknown[], providerJobId?: string, durationMs?: number): JobEvent {
    return {
      source: this.source,
      adapter: this.adapter.name,
      job: instrumentedJob(payload, args, providerJobId),
      logArguments: definition.logArguments,
      durationMs,
    };
  }
}

function handle(payload: JobPayload, providerJobId: string, runAt: number | null): EnqueuedJob {
  return { jobId: payload.jobId, providerJobId, queueName: payload.queueName, scheduledAt: runAt === null ? null : new Date(runAt) };
}

function channelOf(runAt: number | null): 'enqueue' | 'enqueueAt' {
  return runAt === null ? 'enqueue' : 'enqueueAt';
}

/** What enqueue callbacks see as the job's run: its id, queue, arguments, runs so far and the moment it is scheduled for. */
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
