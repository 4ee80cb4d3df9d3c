import type { INestApplicationContext, Type } from '@nestjs/common';
import { TestHelperUsageError } from './test-helper-usage.error';
import { QUEUE_ADAPTER } from '../active-job.constants';
import type { QueueAdapter } from '../adapters/queue-adapter.interface';
import { type RecordedJob, TestAdapter } from '../adapters/test.adapter';
import { ApplicationJob } from '../application-job';
import type { JobType } from '../interfaces/job-type.interface';
import { type JobDefinition, JobRegistry } from '../job-registry';
import { Arguments } from '../serialization/arguments';
import { type AssertionScope, countFailure, noMatchFailure } from './assertion-messages';
import { checkCount, checkExpectation, checkKeys, describeValue, epochMs, type JobBlock, splitArguments } from './helper-arguments';
import { JobAssertionError } from './job-assertion.error';
import { type JobExpectation, mismatches } from './job-expectation';
import type { JobFilter, JobFilterOptions, PerformJobsOptions } from './job-filter';
import { TestAdapterRequiredError } from './test-adapter-required.error';
import type { TestJob } from './test-job';
import { BAD_QUEUE_FILTER, NOT_A_JOB_CLASS_FOR, NO_JOB_TEST_HELPER, ONLY_AND_EXCEPT } from './testing.messages';

type Kind = AssertionScope['kind'];
type Selector = (job: TestJob) => boolean;

const FILTER_KEYS = ['only', 'except', 'queue'];
const PERFORM_KEYS = [...FILTER_KEYS, 'at'];

const helpers = new WeakMap<TestAdapter, JobTestHelper>();
let current: JobTestHelper | undefined;

/**
 * ActiveJob's `TestHelper` for one Nest application on the test adapter: the enqueued and
 * performed jobs, assertions about them, and `performEnqueuedJobs` to run them for real (DI,
 * perform, retries) without a worker or Redis. Plain assertions throw a `JobAssertionError`
 * listing what was enqueued instead; those given a callback watch only what it does.
 *
 * @example
 * const moduleRef = await withTestAdapter(Test.createTestingModule({ imports: [AppModule] })).compile();
 * const app = await moduleRef.createNestApplication().init();
 * const jobs = JobTestHelper.from(app);
 *
 * await request(app.getHttpServer()).post('/signup').send({ email: 'ada@example.com' });
 * jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [1], queue: 'mailers' });
 * await jobs.performEnqueuedJobs();
 * @publicApi
 */
export class JobTestHelper {
  private readonly views = new WeakMap<RecordedJob, TestJob>();

  private constructor(
    /** The adapter underneath, for what the helpers do not cover. */
    readonly adapter: TestAdapter,
    private readonly registry: JobRegistry,
    private readonly serializer: Arguments,
  ) {}

  /**
   * The helper of an application (or testing module) whose queue adapter is the test adapter.
   * It becomes the one the Jest matchers read.
   */
  static from(app: Pick<INestApplicationContext, 'get'>): JobTestHelper {
    const adapter = app.get<QueueAdapter>(QUEUE_ADAPTER, { strict: false });
    if (!(adapter instanceof TestAdapter)) throw new TestAdapterRequiredError(adapter?.name ?? String(adapter));
    let helper = helpers.get(adapter);
    if (!helper) {
      helper = new JobTestHelper(adapter, app.get(JobRegistry, { strict: false }), app.get(Arguments, { strict: false }));
      helpers.set(adapter, helper);
    }
    current = helper;
    return helper;
  }

  /** The helper most recently obtained with `JobTestHelper.from()`: the one the Jest matchers read. */
  static get current(): JobTestHelper {
    if (!current) {
      throw new TestHelperUsageError(NO_JOB_TEST_HELPER());
    }
    return current;
  }

  /** Jobs waiting to be performed, in enqueue order. */
  get enqueuedJobs(): TestJob[] {
    return this.adapter.enqueuedJobs.map((recorded) => this.view(recorded));
  }

  /** Every run so far, in order; a retried job appears once per run. */
  get performedJobs(): TestJob[] {
    return this.adapter.performedJobs.map((recorded) => this.view(recorded));
  }

  /** The enqueued jobs of one class. */
  enqueuedJobsOf<J extends ApplicationJob>(type: JobType<J>): TestJob[] {
    const { name } = this.definition(type, 'enqueuedJobsOf()');
    return this.enqueuedJobs.filter((job) => job.jobClass === name);
  }

  /** The runs of one class. */
  performedJobsOf<J extends ApplicationJob>(type: JobType<J>): TestJob[] {
    const { name } = this.definition(type, 'performedJobsOf()');
    return this.performedJobs.filter((job) => job.jobClass === name);
  }

  clearEnqueuedJobs(): void {
    this.adapter.enqueuedJobs.length = 0;
  }

  clearPerformedJobs(): void {
    this.adapter.performedJobs.length = 0;
  }

  /** Forgets every enqueued and performed job: call it in `beforeEach` when the app outlives one test. */
  clear(): void {
    this.adapter.clear();
  }

  /**
   * Asserts how many jobs are enqueued (with a callback: how many it enqueued), counting only
   * those the options select.
   *
   * @example
   * jobs.assertEnqueuedJobs(1, { only: WelcomeEmailJob });
   * await jobs.assertEnqueuedJobs(2, () => signUp(['ada@example.com', 'grace@example.com']));
   */
  assertEnqueuedJobs(count: number, options?: JobFilterOptions): void;
  assertEnqueuedJobs(count: number, block: JobBlock): Promise<void>;
  assertEnqueuedJobs(count: number, options: JobFilterOptions, block: JobBlock): Promise<void>;
  assertEnqueuedJobs(count: number, optionsOrBlock?: JobFilterOptions | JobBlock, maybeBlock?: JobBlock): void | Promise<void> {
    const [options, block] = splitArguments(optionsOrBlock, maybeBlock, 'assertEnqueuedJobs()');
    checkCount(count, 'assertEnqueuedJobs()');
    const select = this.selector(options, FILTER_KEYS, 'assertEnqueuedJobs()');
    if (!block) return this.checkCount('enqueued', count, options, select, this.enqueuedJobs, false);
    return this.during(block).then(({ enqueued }) => this.checkCount('enqueued', count, options, select, enqueued, true));
  }

  /** Asserts that no jobs (of those the options select) are enqueued, or that the callback enqueues none. */
  assertNoEnqueuedJobs(options?: JobFilterOptions): void;
  assertNoEnqueuedJobs(block: JobBlock): Promise<void>;
  assertNoEnqueuedJobs(options: JobFilterOptions, block: JobBlock): Promise<void>;
  assertNoEnqueuedJobs(optionsOrBlock?: JobFilterOptions | JobBlock, maybeBlock?: JobBlock): void | Promise<void> {
    const [options, block] = splitArguments(optionsOrBlock, maybeBlock, 'assertNoEnqueuedJobs()');
    return block ? this.assertEnqueuedJobs(0, options, block) : this.assertEnqueuedJobs(0, options);
  }

  /**
   * Asserts that a job of this class is enqueued (by the callback, if given) matching every key
   * of the expectation, and returns it.
   *
   * @example
   * jobs.assertEnqueuedWith(WelcomeEmailJob, { args: [user.id], queue: 'mailers' });
   * jobs.assertEnqueuedWith(ReminderJob, { args: [expect.any(Number)], wait: '10m' });
   */
  assertEnqueuedWith<J extends ApplicationJob>(type: JobType<J>, expectation?: JobExpectation<J>): TestJob;
  assertEnqueuedWith<J extends ApplicationJob>(type: JobType<J>, block: JobBlock): Promise<TestJob>;
  assertEnqueuedWith<J extends ApplicationJob>(type: JobType<J>, expectation: JobExpectation<J>, block: JobBlock): Promise<TestJob>;
  assertEnqueuedWith<J extends ApplicationJob>(
    type: JobType<J>,
    expectationOrBlock?: JobExpectation<J> | JobBlock,
    maybeBlock?: JobBlock,
  ): TestJob | Promise<TestJob> {
    const [expectation, block] = splitArguments(expectationOrBlock, maybeBlock, 'assertEnqueuedWith()');
    const definition = this.definition(type, 'assertEnqueuedWith()');
    checkExpectation(expectation, 'assertEnqueuedWith()');
    if (!block) return this.findMatch('enqueued', definition, expectation, this.enqueuedJobs, false);
    return this.during(block).then(({ enqueued }) => this.findMatch('enqueued', definition, expectation as JobExpectation, enqueued, true));
  }

  /**
   * Asserts how many jobs were performed. With a callback, performs the jobs it enqueues (those
   * the options select, as `performEnqueuedJobs`) and counts them.
   */
  assertPerformedJobs(count: number, options?: JobFilterOptions): void;
  assertPerformedJobs(count: number, block: JobBlock): Promise<void>;
  assertPerformedJobs(count: number, options: JobFilterOptions, block: JobBlock): Promise<void>;
  assertPerformedJobs(count: number, optionsOrBlock?: JobFilterOptions | JobBlock, maybeBlock?: JobBlock): void | Promise<void> {
    const [options, block] = splitArguments(optionsOrBlock, maybeBlock, 'assertPerformedJobs()');
    checkCount(count, 'assertPerformedJobs()');
    const select = this.selector(options, FILTER_KEYS, 'assertPerformedJobs()');
    if (!block) return this.checkCount('performed', count, options, select, this.performedJobs, false);
    return this.during(() => this.performEnqueuedJobs(options, block)).then(({ performed }) =>
      this.checkCount('performed', count, options, select, performed, true),
    );
  }

  /** Asserts that no jobs were performed; with a callback, that none it enqueues (of those selected) is performed. */
  assertNoPerformedJobs(options?: JobFilterOptions): void;
  assertNoPerformedJobs(block: JobBlock): Promise<void>;
  assertNoPerformedJobs(options: JobFilterOptions, block: JobBlock): Promise<void>;
  assertNoPerformedJobs(optionsOrBlock?: JobFilterOptions | JobBlock, maybeBlock?: JobBlock): void | Promise<void> {
    const [options, block] = splitArguments(optionsOrBlock, maybeBlock, 'assertNoPerformedJobs()');
    return block ? this.assertPerformedJobs(0, options, block) : this.assertPerformedJobs(0, options);
  }

  /**
   * Asserts that a job of this class was performed matching the expectation, and returns it.
   * With a callback, first performs every job the callback enqueues.
   */
  assertPerformedWith<J extends ApplicationJob>(type: JobType<J>, expectation?: JobExpectation<J>): TestJob;
  assertPerformedWith<J extends ApplicationJob>(type: JobType<J>, block: JobBlock): Promise<TestJob>;
  assertPerformedWith<J extends ApplicationJob>(type: JobType<J>, expectation: JobExpectation<J>, block: JobBlock): Promise<TestJob>;
  assertPerformedWith<J extends ApplicationJob>(
    type: JobType<J>,
    expectationOrBlock?: JobExpectation<J> | JobBlock,
    maybeBlock?: JobBlock,
  ): TestJob | Promise<TestJob> {
    const [expectation, block] = splitArguments(expectationOrBlock, maybeBlock, 'assertPerformedWith()');
    const definition = this.definition(type, 'assertPerformedWith()');
    checkExpectation(expectation, 'assertPerformedWith()');
    if (!block) return this.findMatch('performed', definition, expectation, this.performedJobs, false);
    return this.during(() => this.performEnqueuedJobs(block)).then(({ performed }) =>
      this.findMatch('performed', definition, expectation as JobExpectation, performed, true),
    );
  }

  /**
   * Performs jobs through the real execution path, as a worker would, and any jobs they enqueue.
   * Without a callback: every enqueued job the options select, until none is left; resolves to
   * how many ran. With a callback: jobs it enqueues are performed at enqueue, as ActiveJob's
   * `perform_enqueued_jobs do … end`; resolves to what the callback returns. A job that still
   * fails when its attempts are spent rejects with its error.
   *
   * @example
   * await WelcomeEmailJob.set({ wait: '10m' }).performLater(user.id);
   * await jobs.performEnqueuedJobs({ at: Date.now() });                    // not due yet: nothing runs
   * await jobs.performEnqueuedJobs({ at: Date.now() + 10 * 60_000 });      // runs it, no waiting
   * await jobs.performEnqueuedJobs({ only: WelcomeEmailJob }, () => signUp('ada@example.com'));
   */
  performEnqueuedJobs(options?: PerformJobsOptions): Promise<number>;
  performEnqueuedJobs<T>(block: JobBlock<T>): Promise<T>;
  performEnqueuedJobs<T>(options: PerformJobsOptions, block: JobBlock<T>): Promise<T>;
  async performEnqueuedJobs(optionsOrBlock?: PerformJobsOptions | JobBlock, maybeBlock?: JobBlock): Promise<unknown> {
    const [options, block] = splitArguments(optionsOrBlock, maybeBlock, 'performEnqueuedJobs()');
    const select = this.selector(options, PERFORM_KEYS, 'performEnqueuedJobs()');
    if (!block) return this.performDueJobs(select);
    const previous = this.adapter.performEnqueuedJobs;
    this.adapter.performEnqueuedJobs = (recorded) => select(this.view(recorded));
    try {
      return await block();
    } finally {
      this.adapter.performEnqueuedJobs = previous;
    }
  }

  private async performDueJobs(select: Selector): Promise<number> {
    let performed = 0;
    // Rounds, because performed jobs (and retries) enqueue more; the adapter stops a chain that never ends.
    for (let due = this.selected(select); due.length > 0; due = this.selected(select)) {
      for (const recorded of due) {
        if (!this.adapter.enqueuedJobs.includes(recorded)) continue;
        await this.adapter.perform(recorded);
        performed++;
      }
    }
    return performed;
  }

  private selected(select: Selector): RecordedJob[] {
    return this.adapter.enqueuedJobs.filter((recorded) => select(this.view(recorded)));
  }

  /** Runs the callback and returns what it added to each list. */
  private async during(block: JobBlock): Promise<Record<Kind, TestJob[]>> {
    const enqueuedBefore = new Set(this.adapter.enqueuedJobs);
    const performedBefore = new Set(this.adapter.performedJobs);
    await block();
    return {
      enqueued: this.adapter.enqueuedJobs.filter((recorded) => !enqueuedBefore.has(recorded)).map((recorded) => this.view(recorded)),
      performed: this.adapter.performedJobs.filter((recorded) => !performedBefore.has(recorded)).map((recorded) => this.view(recorded)),
    };
  }

  private checkCount(kind: Kind, expected: number, options: JobFilterOptions, select: Selector, jobs: TestJob[], duringCallback: boolean): void {
    if (jobs.filter(select).length === expected) return;
    throw new JobAssertionError(countFailure(this.scope(kind, duringCallback), expected, options, jobs, select));
  }

  private findMatch(kind: Kind, definition: JobDefinition, expectation: JobExpectation, jobs: TestJob[], duringCallback: boolean): TestJob {
    const match = jobs.find((job) => job.jobClass === definition.name && mismatches(job, expectation).length === 0);
    if (match) return match;
    throw new JobAssertionError(noMatchFailure(this.scope(kind, duringCallback), definition.name, expectation, jobs));
  }

  private scope(kind: Kind, duringCallback: boolean): AssertionScope {
    return { kind, duringCallback, stillEnqueued: kind === 'performed' ? this.enqueuedJobs : [] };
  }

  private selector(options: PerformJobsOptions, keys: readonly string[], caller: string): Selector {
    checkKeys(options, keys, caller);
    const { only, except, queue, at } = options;
    if (only !== undefined && except !== undefined) throw new TestHelperUsageError(ONLY_AND_EXCEPT(caller));
    if (queue !== undefined && typeof queue !== 'string') throw new TestHelperUsageError(BAD_QUEUE_FILTER(caller, queue));
    const onlyThese = only === undefined ? undefined : this.filterTest(only, `${caller} only`);
    const exceptThese = except === undefined ? undefined : this.filterTest(except, `${caller} except`);
    const dueBy = at === undefined ? undefined : epochMs(at, `${caller} at`);
    return (job) =>
      (onlyThese === undefined || onlyThese(job)) &&
      (exceptThese === undefined || !exceptThese(job)) &&
      (queue === undefined || job.queue === queue) &&
      (dueBy === undefined || job.at === null || job.at.getTime() <= dueBy);
  }

  private filterTest(filter: JobFilter, name: string): Selector {
    if (typeof filter === 'function' && !(filter.prototype instanceof ApplicationJob)) return filter as Selector;
    const types: readonly unknown[] = Array.isArray(filter) ? filter : [filter];
    const names = new Set(types.map((type) => this.definition(type, name).name));
    return (job) => names.has(job.jobClass);
  }

  private definition(type: unknown, name: string): JobDefinition {
    if (typeof type !== 'function' || !(type.prototype instanceof ApplicationJob)) {
      throw new TestHelperUsageError(NOT_A_JOB_CLASS_FOR(name, describeValue(type)));
    }
    return this.registry.forType(type);
  }

  private view(recorded: RecordedJob): TestJob {
    let view = this.views.get(recorded);
    if (!view) {
      const { payload } = recorded;
      const serializer = this.serializer;
      let args: readonly unknown[] | undefined;
      view = {
        jobClass: payload.jobClass,
        type: this.registry.forName(payload.jobClass).type as Type<ApplicationJob>,
        // Deserialized when read: a job whose record is gone (a serializer that throws) can still be listed and performed.
        get args() {
          return (args ??= serializer.deserialize(payload.arguments));
        },
        queue: payload.queueName,
        priority: payload.priority,
        at: recorded.at === null ? null : new Date(recorded.at),
        enqueuedAt: new Date(payload.enqueuedAt),
        jobId: payload.jobId,
        executions: payload.executions + recorded.attemptsMade + 1,
        payload,
        recorded,
      };
      this.views.set(recorded, view);
    }
    return view;
  }
}
