import { BAD_ARGUMENT_LISTS, BAD_PERFORM_ALL_LATER } from '../active-job.messages';
import { Injectable } from '@nestjs/common';
import type { JobInstance } from '../interfaces/job-instance.interface';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { JobExecutor } from '../execution/job-executor';
import { refuseStaleRun } from '../execution/stale-run';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import type { JobArguments, JobResult, JobType } from '../interfaces/job-type.interface';
import type { SetOptions } from '../interfaces/set-options.interface';
import { JobRegistry } from '../job-registry';
import { ConfiguredJob } from './configured-job';
import { enqueueTarget, NO_SET_OPTIONS } from './enqueue-target';
import type { JobCall } from './job-call';
import { JobEnqueuer } from './job-enqueuer';

/**
 * Enqueues and performs jobs by class, for code that prefers injection to the static methods.
 * Arguments are type-checked against the class's `perform`.
 *
 * @example
 * constructor(private readonly jobs: JobQueue) {}
 * await this.jobs.performLater(WelcomeEmailJob, user.id);
 * await this.jobs.set(WelcomeEmailJob, { wait: '10m' }).performLater(user.id);
 * await this.jobs.performAllLater([WelcomeEmailJob.with(user.id), CrmSyncJob.set({ priority: 1 }).with(user.id)]);
 * @publicApi
 */
@Injectable()
export class JobQueue {
  constructor(
    private readonly registry: JobRegistry,
    private readonly enqueuer: JobEnqueuer,
    private readonly executor: JobExecutor,
  ) {}

  /** Enqueues one job to run as soon as a worker takes it. */
  performLater<J extends JobInstance>(type: JobType<J>, ...args: JobArguments<J>): Promise<EnqueuedJob> {
    return this.enqueue(type, args, NO_SET_OPTIONS);
  }

  /**
   * Enqueues many jobs in as few round trips as the adapter allows (Bull: `addBulk`): one argument
   * list per job of one class, or jobs of several classes each with its own options (Rails'
   * `ActiveJob.perform_all_later`). No enqueue callbacks run, as in Rails.
   */
  performAllLater<J extends JobInstance>(type: JobType<J>, argumentLists: readonly JobArguments<J>[]): Promise<EnqueuedJob[]>;
  performAllLater(jobs: readonly JobCall<any>[]): Promise<EnqueuedJob[]>;
  async performAllLater(typeOrJobs: Function | readonly JobCall<any>[], argumentLists?: readonly (readonly unknown[])[]): Promise<EnqueuedJob[]> {
    if (typeof typeOrJobs === 'function') return this.enqueueAll(typeOrJobs, argumentLists!, NO_SET_OPTIONS);
    if (!Array.isArray(typeOrJobs) || typeOrJobs.some((call) => typeof call?.type !== 'function' || !Array.isArray(call.args))) {
      throw new InvalidJobOptionsError(BAD_PERFORM_ALL_LATER());
    }
    return this.enqueuer.enqueueAll(
      typeOrJobs.map(({ type, args, options }) => {
        const definition = this.registry.forType(type);
        return { definition, args, target: enqueueTarget(definition, options, args) };
      }),
    );
  }

  /** Performs the job here and now, through DI and the perform path, and returns what `perform` returns. */
  performNow<J extends JobInstance>(type: JobType<J>, ...args: JobArguments<J>): Promise<JobResult<J>> {
    return this.performNowWith(type, args, {});
  }

  /** The job class with per-enqueue options: `wait`, `waitUntil`, `queue`, `priority`. */
  set<J extends JobInstance>(type: JobType<J>, options: SetOptions): ConfiguredJob<J> {
    return new ConfiguredJob(() => this, type, options);
  }

  /** @internal Used by ConfiguredJob and the static methods. */
  enqueue(type: Function, args: readonly unknown[], options: SetOptions): Promise<EnqueuedJob> {
    // A refused argument or option rejects the promise, as callers of performLater expect, never throws;
    // not an async function, which would cost every enqueue a promise more.
    try {
      refuseStaleRun();
      const definition = this.registry.forType(type);
      return this.enqueuer.enqueue(definition, args, enqueueTarget(definition, options, args));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** @internal */
  async enqueueAll(type: Function, argumentLists: readonly (readonly unknown[])[], options: SetOptions): Promise<EnqueuedJob[]> {
    refuseStaleRun();
    const definition = this.registry.forType(type);
    if (!Array.isArray(argumentLists) || argumentLists.some((args) => !Array.isArray(args))) {
      throw new InvalidJobOptionsError(BAD_ARGUMENT_LISTS(definition.name));
    }
    return this.enqueuer.enqueueAll(argumentLists.map((args) => ({ definition, args, target: enqueueTarget(definition, options, args) })));
  }

  /** @internal `set({ queue, priority }).performNow(...)`: the run sees those options; a wait makes no sense here. */
  async performNowWith<J extends JobInstance>(type: JobType<J>, args: readonly unknown[], options: SetOptions): Promise<JobResult<J>> {
    const definition = this.registry.forType(type);
    const { queueName, priority } = enqueueTarget(definition, { queue: options.queue, priority: options.priority }, args);
    return (await this.executor.performNow(definition, [...args], { queueName, priority })) as JobResult<J>;
  }
}
