import type { Job as BullJob, JobOptions as BullJobOptions, Queue } from 'bull';
import type { Cluster, Redis } from 'ioredis';
import { BULK_CHUNK_SIZE, STACK_LINES_LIMIT, STACK_TRACE_LIMIT } from '../active-job.constants';
import { restartsOf } from '../bull/bull-job';
import { CoalescedWrites } from '../bull/coalesced-writes';
import { fitDrainDelay } from '../bull/drain-delay';
import { type Deadline, EnqueueDeadlines } from '../bull/enqueue-deadlines';
import { LockWatch, type WatchedRun } from '../bull/lock-watch';
import type { QueueRegistry } from '../bull/queue-registry';
import { EnqueueError } from '../errors/enqueue.error';
import { RedisUnavailableError } from '../errors/redis-unavailable.error';
import { isPermanentFailure } from '../execution/permanent-failure';
import { rejectAfter, settlesWithin } from '../utils/timeout';
import { readStoredPayload, toStoredPayload } from '../bull/stored-payload';
import type { ConsumeOptions, ConsumingAdapter, JobAttempt, JobPerformer } from './consuming-adapter.interface';
import type { AdapterJob, EnqueueAllJob, EnqueueAllResult } from './queue-adapter.interface';
import { COULD_NOT_ENQUEUE, REDIS_UNREACHABLE } from '../active-job.messages';

/** One enqueue on its way to Redis: waiting for the connection, then for Bull's answer, each within the enqueue timeout. */
interface PendingAdd extends Deadline {
  readonly queue: Queue;
  readonly job: AdapterJob;
  readonly runAt: number | null;
  readonly resolve: (providerJobId: string) => void;
  readonly reject: (error: Error) => void;
  /** The add went to Redis: past the deadline, the job may still be stored. */
  sent: boolean;
}

/**
 * The production adapter: jobs are Bull jobs named after their class, stored in Redis, consumed
 * by one dispatcher per queue in worker processes.
 */
export class BullAdapter implements ConsumingAdapter {
  readonly name = 'Bull';
  private performer?: JobPerformer;
  private readonly consumed = new Set<Queue>();
  private readonly lockWatches: LockWatch[] = [];
  private readonly deadlines = new EnqueueDeadlines<PendingAdd>((pending) => this.expired(pending));
  private readonly awaitingConnection = new Set<PendingAdd>();
  private readonly writes = new CoalescedWrites();

  constructor(
    readonly registry: QueueRegistry,
    private readonly enqueueTimeoutMs: number,
  ) {}

  providerQueue(name: string): Queue {
    return this.registry.get(name);
  }

  providerQueues(): Queue[] {
    return this.registry.all();
  }

  redisClient(): Redis | Cluster {
    return this.registry.commandClient();
  }

  attach(performer: JobPerformer): void {
    this.performer = performer;
  }

  enqueue(job: AdapterJob): Promise<string> {
    return this.add(job, null);
  }

  enqueueAt(job: AdapterJob, timestamp: number): Promise<string> {
    return this.add(job, timestamp);
  }

  async enqueueAll(jobs: readonly EnqueueAllJob[]): Promise<EnqueueAllResult[]> {
    const results: EnqueueAllResult[] = [];
    for (let start = 0; start < jobs.length; start += BULK_CHUNK_SIZE) {
      const chunk = jobs.slice(start, start + BULK_CHUNK_SIZE);
      results.push(...(await this.addChunk(chunk)));
    }
    return results;
  }

  consume(queueName: string, { concurrency, limiter }: ConsumeOptions): void {
    const queue = this.registry.get(queueName);
    // Bull reads the limiter when this process moves a job to active, so it is set before process().
    if (limiter) (queue as Queue & { limiter?: ConsumeOptions['limiter'] }).limiter = limiter;
    this.consumed.add(queue);
    fitDrainDelay(queue, concurrency, this.registry.options.settings?.drainDelay !== undefined);
    const locks = new LockWatch(queue);
    this.lockWatches.push(locks);
    // One '*' handler per queue: the payload names the class, so concurrency is not stacked per job name.
    queue.process('*', concurrency, (job: BullJob) => this.perform(job, locks)).catch(() => undefined);
  }

  async drain(timeoutMs: number): Promise<void> {
    await settlesWithin(Promise.all([...this.consumed].map((queue) => queue.pause(true))), timeoutMs);
  }

  async close(): Promise<void> {
    this.consumed.clear();
    for (const locks of this.lockWatches.splice(0)) locks.close();
    await this.registry.close();
  }

  private async perform(job: BullJob, locks: LockWatch): Promise<void> {
    const run = locks.watch(job);
    try {
      await this.performer!(readStoredPayload(job), new BullAttempt(job, run));
    } catch (error) {
      if (isPermanentFailure(error)) await job.discard();
      // Bull reads the limit from the job it is about to fail, not from Redis: set here, it costs no stored byte.
      job.opts.stackTraceLimit = STACK_TRACE_LIMIT;
      throw boundedStack(error);
    } finally {
      locks.release(run);
    }
  }

  /**
   * One `queue.add` per job, sent at once: Bull and Redis run it 5–10% faster than an addBulk's
   * MULTI when jobs need not be stored together (bench/). An add made while others are in flight
   * shares their socket write. Adds made while the connection is down wait for it together, on one
   * listener; every add is bounded by the enqueue timeout, on one timer.
   */
  private add(job: AdapterJob, runAt: number | null): Promise<string> {
    return new Promise((resolve, reject) => {
      const queue = this.registry.get(job.payload.queueName);
      const pending: PendingAdd = { queue, job, runAt, deadline: performance.now() + this.enqueueTimeoutMs, resolve, reject, sent: false };
      this.deadlines.track(pending);
      if (queue.client.status === 'ready') this.send(pending);
      else this.awaitConnection(pending);
    });
  }

  private send(pending: PendingAdd): void {
    pending.sent = true;
    const { queue, job, runAt } = pending;
    // A lone add (a request's one job, a loop that awaits each) goes out at once, without a tick's wait.
    if (this.deadlines.size > 1) this.writes.hold(queue.client);
    let added: Promise<BullJob>;
    try {
      added = queue.add(job.payload.jobClass, toStoredPayload(job.payload), bullOptions(job, delayUntil(runAt)));
    } catch (error) {
      added = Promise.reject(error); // thrown, not rejected: it still fails only its own job
    }
    added.then(
      (stored) => this.deadlines.settle(pending) && pending.resolve(String(stored.id)),
      (error: Error) => this.deadlines.settle(pending) && pending.reject(new EnqueueError(COULD_NOT_ENQUEUE(labelOf(job), error), { cause: error })),
    );
  }

  private awaitConnection(pending: PendingAdd): void {
    this.awaitingConnection.add(pending);
    if (this.awaitingConnection.size === 1) pending.queue.client.once('ready', this.connectionReady); // every queue shares the registry's client
  }

  private readonly connectionReady = () => {
    const waiting = [...this.awaitingConnection];
    this.awaitingConnection.clear();
    for (const pending of waiting) this.send(pending);
  };

  /** An add not answered in time: never sent (no connection) or sent and not answered (it may still be stored). */
  private expired(pending: PendingAdd): void {
    if (!pending.sent) {
      this.awaitingConnection.delete(pending);
      if (this.awaitingConnection.size === 0) pending.queue.client.removeListener('ready', this.connectionReady);
    }
    pending.reject(this.unreachable(labelOf(pending.job), pending.sent ? 'no answer' : 'no connection', pending.sent));
  }

  private async addChunk(chunk: readonly EnqueueAllJob[]): Promise<EnqueueAllResult[]> {
    const firstQueue = chunk[0].payload.queueName;
    // Most batches go to one queue: its results come back in the chunk's order, with nothing to regroup.
    if (chunk.every((job) => job.payload.queueName === firstQueue)) return this.addToQueue(firstQueue, chunk);
    const byQueue = new Map<string, EnqueueAllJob[]>();
    for (const job of chunk) {
      const jobs = byQueue.get(job.payload.queueName);
      if (jobs) jobs.push(job);
      else byQueue.set(job.payload.queueName, [job]);
    }
    const stored = new Map<EnqueueAllJob, EnqueueAllResult>();
    // The queues at once: jobs for three queues wait one round trip (and, Redis down, one enqueue timeout), not three.
    await Promise.all(
      [...byQueue].map(async ([queueName, jobs]) => {
        const results = await this.addToQueue(queueName, jobs);
        jobs.forEach((job, index) => stored.set(job, results[index]));
      }),
    );
    return chunk.map((job) => stored.get(job)!);
  }

  /** One queue's jobs of a chunk in one `addBulk`; their results in their order, each failed alike if the add fails. */
  private async addToQueue(queueName: string, jobs: readonly EnqueueAllJob[]): Promise<EnqueueAllResult[]> {
    const queue = this.registry.get(queueName);
    try {
      const bulk = jobs.map((job) => ({ name: job.payload.jobClass, data: toStoredPayload(job.payload), opts: bullOptions(job, delayUntil(job.runAt)) }));
      // A queue's only job of the batch (a signup's three jobs for three queues) is a plain add: a MULTI around one add costs Redis two commands more.
      const added = await this.withinDeadline(queue, `${jobs.length} jobs to Bull(${queueName})`, () =>
        bulk.length === 1 ? queue.add(bulk[0].name, bulk[0].data, bulk[0].opts).then((job) => [job]) : queue.addBulk(bulk),
      );
      return added.map((job) => ({ providerJobId: String(job.id) }));
    } catch (error) {
      return jobs.map(() => ({ error: error as Error }));
    }
  }

  /** Waits for a live connection, then runs the command, all within the enqueue timeout (bull#2558: never hang). */
  private async withinDeadline<T>(queue: Queue, what: string, command: () => Promise<T>): Promise<T> {
    const startedAt = Date.now();
    if (queue.client.status !== 'ready' && !(await connected(queue, this.enqueueTimeoutMs))) throw this.unreachable(what, 'no connection', false);
    const remaining = Math.max(1, this.enqueueTimeoutMs - (Date.now() - startedAt));
    try {
      return await rejectAfter(command(), remaining, () => this.unreachable(what, 'no answer', true));
    } catch (error) {
      if (error instanceof RedisUnavailableError) throw error;
      throw new EnqueueError(COULD_NOT_ENQUEUE(what, error), { cause: error });
    }
  }

  private unreachable(what: string, detail: string, maybeStored: boolean): RedisUnavailableError {
    return new RedisUnavailableError(REDIS_UNREACHABLE(this.registry.target, what, detail, this.enqueueTimeoutMs, this.registry.lastError), maybeStored);
  }
}

/** The run of a Bull job the executor is handed; its signal is created only if the job reads it. */
class BullAttempt implements JobAttempt {
  readonly providerJobId: string;
  readonly queueName: string;
  readonly attemptsMade: number;
  readonly restarts: number;

  constructor(
    job: BullJob,
    private readonly run: WatchedRun,
  ) {
    this.providerJobId = String(job.id);
    this.queueName = job.queue.name;
    this.attemptsMade = job.attemptsMade;
    this.restarts = restartsOf(job);
  }

  get signal(): AbortSignal {
    return this.run.signal;
  }

  ownershipLost(): unknown {
    return this.run.lostReason;
  }
}

/** Bull stores each failure's stack in Redis; a deep one is cut to its first lines. */
function boundedStack(error: unknown): unknown {
  if (error instanceof Error && error.stack) {
    const lines = error.stack.split('\n');
    if (lines.length > STACK_LINES_LIMIT)
      error.stack = [...lines.slice(0, STACK_LINES_LIMIT), `    ... ${lines.length - STACK_LINES_LIMIT} more lines`].join('\n');
  }
  return error;
}

/** Whether the queue's connection becomes ready within `timeoutMs`; the listener never outlives the wait. */
function connected(queue: Queue, timeoutMs: number): Promise<boolean> {
  const client = queue.client;
  return new Promise((resolve) => {
    const ready = () => (clearTimeout(timer), resolve(true));
    const timer = setTimeout(() => (client.removeListener('ready', ready), resolve(false)), timeoutMs);
    client.once('ready', ready);
  });
}

function labelOf({ payload }: AdapterJob): string {
  return `${payload.jobClass} to Bull(${payload.queueName})`;
}

/** Bull takes a delay, not a moment: the one given to enqueueAt, measured as late as possible. */
function delayUntil(runAt: number | null): number | undefined {
  return runAt === null ? undefined : Math.max(0, runAt - Date.now());
}

// Most jobs have neither priority nor delay: their options are built once per job class (Bull copies them before use).
const plainOptions = new WeakMap<AdapterJob['options'], BullJobOptions>();

function bullOptions(job: AdapterJob, delay: number | undefined): BullJobOptions {
  if (job.payload.priority !== null || delay || job.providerJobId) return buildBullOptions(job, delay);
  let options = plainOptions.get(job.options);
  if (!options) plainOptions.set(job.options, (options = buildBullOptions(job, undefined)));
  return options;
}

function buildBullOptions(job: AdapterJob, delay: number | undefined): BullJobOptions {
  const { payload, options } = job;
  const bull: BullJobOptions = {
    attempts: options.attempts,
    removeOnComplete: options.removeOnComplete,
    removeOnFail: options.removeOnFail,
  };
  if (options.backoff) bull.backoff = options.backoff;
  if (payload.priority !== null) bull.priority = payload.priority;
  if (delay) bull.delay = delay;
  if (job.providerJobId) bull.jobId = job.providerJobId;
  return bull;
}
