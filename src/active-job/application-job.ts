import { RUN_DETAILS_OUTSIDE_RUN } from './active-job.messages';
import { ConfiguredJob } from './enqueuing/configured-job';
import { NO_SET_OPTIONS } from './enqueuing/enqueue-target';
import { OutsideJobRunError } from './errors/outside-job-run.error';
import type { JobCall } from './enqueuing/job-call';
import { JobRuntime } from './enqueuing/job-runtime';
import { type JobExecution, jobRunStorage, type RetryJobOptions } from './execution/job-execution';
import type { Duration } from './interfaces/duration.type';
import type { EnqueuedJob } from './interfaces/enqueued-job.interface';
import type { JobArguments, JobResult, JobType } from './interfaces/job-type.interface';
import type { SetOptions } from './interfaces/set-options.interface';

/**
 * Base class of every job (ActiveJob's `ApplicationJob`). Subclasses define `perform(...)`;
 * the static methods take exactly `perform`'s parameters, checked at compile time.
 * Job classes are Nest providers: inject what `perform` needs through the constructor.
 *
 * @example
 * @Job({ queue: 'mailers' })
 * export class WelcomeEmailJob extends ApplicationJob {
 *   constructor(private readonly users: UsersService, private readonly mailer: UserMailer) { super(); }
 *   async perform(userId: number) {
 *     await this.mailer.welcomeEmail(await this.users.find(userId));
 *   }
 * }
 *
 * await WelcomeEmailJob.performLater(user.id);                           // WelcomeEmailJob.performLater('x') does not compile
 * await WelcomeEmailJob.set({ wait: '10m', priority: 5 }).performLater(user.id);
 * @publicApi
 */
export abstract class ApplicationJob {
  abstract perform(...args: any[]): unknown;

  /** Enqueues the job to run in a worker as soon as possible. */
  static performLater<J extends ApplicationJob>(this: JobType<J>, ...args: JobArguments<J>): Promise<EnqueuedJob> {
    return JobRuntime.for(this).enqueue(this, args, NO_SET_OPTIONS);
  }

  /** Enqueues one job per argument list, in bulk: `Job.performAllLater([[1], [2], [3]])`. */
  static performAllLater<J extends ApplicationJob>(this: JobType<J>, argumentLists: readonly JobArguments<J>[]): Promise<EnqueuedJob[]> {
    return JobRuntime.for(this).enqueueAll(this, argumentLists, NO_SET_OPTIONS);
  }

  /** Performs the job at once in this process and returns what `perform` returns. */
  static performNow<J extends ApplicationJob>(this: JobType<J>, ...args: JobArguments<J>): Promise<JobResult<J>> {
    return JobRuntime.for(this).performNow(this, ...args);
  }

  /** This job with these arguments, for `jobs.performAllLater([...])` across classes (Rails' `perform_all_later`). */
  static with<J extends ApplicationJob>(this: JobType<J>, ...args: JobArguments<J>): JobCall<J> {
    return { type: this, args, options: NO_SET_OPTIONS };
  }

  /** Per-enqueue options: `wait` (ms or `'10m'`), `waitUntil`, `queue`, `priority`. */
  static set<J extends ApplicationJob>(this: JobType<J>, options: SetOptions): ConfiguredJob<J> {
    return new ConfiguredJob(() => JobRuntime.for(this), this, options);
  }

  /** Our id of the job being performed, stable across retries. */
  get jobId(): string {
    return this.execution.jobId;
  }

  /** The backend's id of the job being performed (Bull's job id). */
  get providerJobId(): string {
    return this.execution.providerJobId;
  }

  get queueName(): string {
    return this.execution.queueName;
  }

  get priority(): number | null {
    return this.execution.priority;
  }

  /** The arguments of this run, as `perform` received them. */
  get arguments(): readonly unknown[] {
    return this.execution.arguments;
  }

  /**
   * How many times this job has run, this run included (0 in enqueue callbacks): retries, and runs
   * started again after their worker died. It only grows, so it can serve as a fencing token.
   */
  get executions(): number {
    return this.execution.executions;
  }

  /** Runs per `@RetryOn` handler so far, keyed like `[SmtpError]`. */
  get exceptionExecutions(): Readonly<Record<string, number>> {
    return this.execution.exceptionExecutions;
  }

  get enqueuedAt(): Date | null {
    return this.execution.enqueuedAt;
  }

  get scheduledAt(): Date | null {
    return this.execution.scheduledAt;
  }

  /**
   * Aborted when the job's `timeout` passes, or (bull) when this run lost its lock and another worker
   * may be running the job (`LockLostError`): hand it to fetch, streams and timers so work stops.
   */
  get signal(): AbortSignal {
    return this.execution.signal;
  }

  /**
   * Enqueues this job again with the same id and arguments, after `wait` (ActiveJob's `retry_job`);
   * the current run then ends normally. Only inside `perform` and its callbacks.
   *
   * @example
   * if (await this.quota.exhausted()) return this.retryJob({ wait: '1h' });
   */
  retryJob(options: RetryJobOptions = {}): Promise<void> {
    return this.run.retry(options);
  }

  /**
   * Reschedules this job to run again after `wait` without spending an attempt: the current run
   * does not count in `executions` (nor towards any `@RetryOn` attempts) and ends normally.
   * For a "try later" answer such as HTTP 429 with `Retry-After`. Only inside `perform` and its callbacks.
   *
   * @example
   * const response = await fetch(url, { signal: this.signal });
   * if (response.status === 429) return this.retryAfter(`${Number(response.headers.get('retry-after') ?? 30)}s`);
   */
  retryAfter(wait: Duration): Promise<void> {
    return this.run.retry({ wait, uncounted: true });
  }

  /** The run in progress: inside `perform`, its callbacks, and what they call. */
  get execution(): JobExecution {
    return this.run.execution;
  }

  private get run() {
    const run = jobRunStorage.getStore();
    if (!run) throw new OutsideJobRunError(RUN_DETAILS_OUTSIDE_RUN(this.constructor.name));
    return run;
  }
}
