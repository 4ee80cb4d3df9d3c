import { Injectable } from '@nestjs/common';
import { FlowControl } from '../coordination/flow-control';
import { RecurringTaskNotFoundError } from '../errors/recurring-task-not-found.error';
import type { EnqueuedJob } from '../interfaces/enqueued-job.interface';
import { JobRegistry } from '../job-registry';
import { Arguments } from '../serialization/arguments';
import type { RecurringTaskState } from './recurring-options.interface';
import type { StoredTaskDefinition } from './recurring-task';
import { RecurringScheduler } from './recurring-scheduler';
import { Schedule } from './schedule';

/**
 * The recurring tasks of the deployment, as stored in Redis: list them with their next run, pause
 * and resume one for every worker, or run one now (Mission Control's recurring tasks tab).
 *
 * @example
 * constructor(private readonly recurring: RecurringTasks) {}
 * await this.recurring.list();                 // [{ key: 'ReportJob', schedule: '0 9 * * 1-5', nextRunAt, ... }]
 * await this.recurring.pause('ReportJob');     // ticks are skipped until resume
 * await this.recurring.runNow('ReportJob');    // enqueued at once, the schedule unchanged
 * @publicApi
 */
@Injectable()
export class RecurringTasks {
  constructor(
    private readonly flow: FlowControl,
    private readonly scheduler: RecurringScheduler,
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
  ) {}

  async list(): Promise<RecurringTaskState[]> {
    const now = Date.now();
    const stored = await this.flow.store.recurringTasks();
    return stored
      .map(({ key, definition, lastTickMs, paused }) => {
        const task = JSON.parse(definition) as StoredTaskDefinition;
        const schedule = Schedule.parse(task.cron ?? undefined, task.everyMs ?? undefined, task.tz, `recurring task ${key}`);
        return {
          key,
          jobClass: task.job,
          schedule: task.cron ?? `every ${formatMs(task.everyMs!)}`,
          tz: task.tz,
          args: this.serializer.deserialize(task.args),
          queue: task.queue,
          priority: task.priority,
          nextRunAt: paused ? null : new Date(schedule.next(now)),
          lastRunAt: lastTickMs === null ? null : new Date(lastTickMs),
          paused,
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Skips the task's ticks, in every process, until `resume`. */
  async pause(key: string): Promise<void> {
    if (!(await this.flow.store.recurringPause(key, true))) throw await this.notFound(key);
  }

  async resume(key: string): Promise<void> {
    if (!(await this.flow.store.recurringPause(key, false))) throw await this.notFound(key);
  }

  /** Enqueues the task's job at once, with its arguments; its schedule and last run stay as they are. */
  async runNow(key: string): Promise<EnqueuedJob> {
    const declared = this.scheduler.declared().find((task) => task.key === key);
    if (declared) return this.scheduler.enqueue(declared);
    const stored = (await this.flow.store.recurringTasks()).find((task) => task.key === key);
    if (!stored) throw await this.notFound(key);
    const task = JSON.parse(stored.definition) as StoredTaskDefinition;
    const definition = this.registry.forName(task.job);
    return this.scheduler.enqueue({
      key,
      type: definition.type,
      schedule: Schedule.parse(task.cron ?? undefined, task.everyMs ?? undefined, task.tz, `recurring task ${key}`),
      args: this.serializer.deserialize(task.args),
      queue: task.queue ?? undefined,
      priority: task.priority ?? undefined,
      definition: stored.definition,
    });
  }

  private async notFound(key: string): Promise<RecurringTaskNotFoundError> {
    return new RecurringTaskNotFoundError(key, (await this.flow.store.recurringTasks()).map((task) => task.key).sort());
  }
}

function formatMs(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
