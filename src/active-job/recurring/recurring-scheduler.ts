import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ACTIVE_JOB_RESOLVED_OPTIONS, QUEUE_ADAPTER, RECURRING_METADATA } from '../active-job.constants';
import type { ResolvedActiveJobOptions } from '../active-job-options';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { closeOnFailedStart } from '../worker/close-on-failed-start';
import { performsHere } from '../worker/performs-here';
import { FlowControl } from '../coordination/flow-control';
import { JobQueue } from '../enqueuing/job-queue.service';
import { InvalidJobOptionsError } from '../errors/invalid-job-options.error';
import { JobRegistry } from '../job-registry';
import { Arguments } from '../serialization/arguments';
import type { RecurringDeclaration } from './recurring.decorator';
import { type RecurringTask, resolveRecurringTask } from './recurring-task';
import {
  CRON_AND_EVERY,
  DUPLICATE_RECURRING_KEY,
  RECURRING_KEY_REQUIRED,
  RECURRING_SYNC_FAILED,
  RECURRING_TASK_STALE,
  RECURRING_TICK_FAILED,
} from './recurring.messages';

/** setTimeout's longest delay; a tick further away is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const SYNC_RETRY_MS = 5_000;

/**
 * Runs recurring tasks in every worker process. At startup the declared tasks replace the stored
 * ones (a schedule changed or removed by a deploy changes or goes in Redis too); then each process
 * arms a timer per task, and at each tick the processes race for an atomic claim of that tick:
 * one wins and enqueues. Ticks missed while no worker ran are skipped, never caught up.
 */
@Injectable()
export class RecurringScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ActiveJob');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly staleWarned = new Set<string>();
  private tasks: RecurringTask[] = [];
  private stopped = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
    private readonly flow: FlowControl,
    private readonly jobs: JobQueue,
    @Inject(ACTIVE_JOB_RESOLVED_OPTIONS) private readonly options: ResolvedActiveJobOptions,
    @Inject(QUEUE_ADAPTER) private readonly adapter: QueueAdapter,
  ) {}

  /** Every task this application declares, checked. */
  declared(): readonly RecurringTask[] {
    return this.tasks;
  }

  async onApplicationBootstrap(): Promise<void> {
    // A task refused here fails the app's start, after workers may have begun consuming: close them and their connections.
    await closeOnFailedStart(this.adapter, () => (this.tasks = this.collect()));
    if (!performsHere(this.adapter, this.options)) return;
    // Not awaited at shutdown: against an unreachable Redis it would hold the close up for nothing.
    void this.syncThenStart();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.inFlight);
  }

  /** Enqueues a task's job now, through the same path as its ticks. */
  enqueue(task: RecurringTask) {
    return this.jobs.enqueue(task.type, task.args, { ...(task.queue && { queue: task.queue }), ...(task.priority && { priority: task.priority }) });
  }

  private collect(): RecurringTask[] {
    const tasks: RecurringTask[] = [];
    for (const name of this.registry.names()) {
      const definition = this.registry.forName(name);
      const declarations: RecurringDeclaration[] = Reflect.getMetadata(RECURRING_METADATA, definition.type) ?? [];
      for (const { schedule, options } of declarations) {
        tasks.push(resolveRecurringTask(definition, schedule, options, this.serializer, `@Recurring(${JSON.stringify(schedule)}) of ${name}`));
      }
    }
    for (const [index, { job, cron, every, ...options }] of this.options.recurring.entries()) {
      const at = `recurring[${index}]${options.key ? ` (${options.key})` : ''}`;
      if (typeof options.key !== 'string') throw new InvalidJobOptionsError(RECURRING_KEY_REQUIRED(at));
      if (cron !== undefined && every !== undefined) throw new InvalidJobOptionsError(CRON_AND_EVERY(at));
      tasks.push(resolveRecurringTask(this.registry.forType(job), cron ?? { every: every! }, options, this.serializer, at));
    }
    const keys = new Set<string>();
    for (const { key } of tasks) {
      if (keys.has(key)) throw new InvalidJobOptionsError(DUPLICATE_RECURRING_KEY(key));
      keys.add(key);
    }
    return tasks;
  }

  private async syncThenStart(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.flow.store.recurringSync(new Map(this.tasks.map((task) => [task.key, task.definition])));
        break;
      } catch (error) {
        if (this.stopped) return;
        this.logger.error(RECURRING_SYNC_FAILED(SYNC_RETRY_MS, error));
        await new Promise((resolve) => setTimeout(resolve, SYNC_RETRY_MS).unref());
      }
    }
    for (const task of this.tasks) this.arm(task, Date.now());
  }

  /** Arms the timer of the first tick after `afterMs`. */
  private arm(task: RecurringTask, afterMs: number): void {
    if (this.stopped) return;
    const tick = task.schedule.next(afterMs);
    const delay = tick - Date.now();
    const timer = delay > MAX_TIMER_MS ? setTimeout(() => this.arm(task, afterMs), MAX_TIMER_MS) : setTimeout(() => this.fire(task, tick), Math.max(0, delay));
    timer.unref();
    this.timers.set(task.key, timer);
  }

  private fire(task: RecurringTask, tick: number): void {
    // The next tick is counted from this one, not from now: a late timer never skips or repeats one.
    this.arm(task, tick);
    void this.track(this.claim(task, tick));
  }

  private async claim(task: RecurringTask, tick: number): Promise<void> {
    try {
      const claim = await this.flow.store.recurringClaim(task.key, task.definition, tick);
      if (claim === 'claimed') await this.enqueue(task);
      if (claim === 'stale' && !this.staleWarned.has(task.key)) {
        this.staleWarned.add(task.key);
        this.logger.warn(RECURRING_TASK_STALE(task.key));
      }
    } catch (error) {
      this.logger.error(RECURRING_TICK_FAILED(task.key, tick, error));
    }
  }

  private track(promise: Promise<void>): Promise<void> {
    this.inFlight.add(promise);
    return promise.finally(() => this.inFlight.delete(promise));
  }
}
