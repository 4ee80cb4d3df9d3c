import { Logger } from '@nestjs/common';
import { settlesWithin } from '../utils/timeout';
import type { ConsumeOptions, ConsumingAdapter, JobPerformer } from './consuming-adapter.interface';
import { nextAttemptDelay } from './in-process-retry';
import type { AdapterJob } from './queue-adapter.interface';
import { ASYNC_JOBS_LOST } from '../active-job.messages';

interface PendingJob {
  readonly job: AdapterJob;
  readonly attemptsMade: number;
  readonly sequence: number;
}

interface MemoryQueue {
  options: ConsumeOptions;
  ready: PendingJob[];
  running: number;
  startedAt: number[];
  limiterTimer?: NodeJS.Timeout;
}

/**
 * Runs jobs in this process, on Node's event loop, with the queue's concurrency, delays,
 * attempts and backoff; Rails' development default. Jobs live in memory only: a restart or a
 * crash loses every job not yet performed.
 */
export class AsyncAdapter implements ConsumingAdapter {
  readonly name = 'Async';
  readonly performsInProcess = true;
  private readonly logger = new Logger('ActiveJob');
  private readonly queues = new Map<string, MemoryQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters = new Set<() => void>();
  private performer?: JobPerformer;
  private sequence = 0;
  private draining = false;

  constructor(private readonly defaultConcurrency = 1) {}

  attach(performer: JobPerformer): void {
    this.performer = performer;
  }

  consume(queueName: string, options: ConsumeOptions): void {
    this.queue(queueName).options = options;
    this.pump(queueName);
  }

  async enqueue(job: AdapterJob): Promise<string> {
    this.push(job, 0);
    return job.payload.jobId;
  }

  async enqueueAt(job: AdapterJob, timestamp: number): Promise<string> {
    this.later(Math.max(0, timestamp - Date.now()), () => this.push(job, 0));
    return job.payload.jobId;
  }

  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.runningCount() > 0) {
      await settlesWithin(new Promise<void>((resolve) => this.idleWaiters.add(resolve)), timeoutMs);
    }
    const lost = this.pendingCount();
    if (lost > 0) this.logger.warn(ASYNC_JOBS_LOST(lost));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const queue of this.queues.values()) clearTimeout(queue.limiterTimer);
  }

  private queue(name: string): MemoryQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { options: { concurrency: this.defaultConcurrency }, ready: [], running: 0, startedAt: [] };
      this.queues.set(name, queue);
    }
    return queue;
  }

  private push(job: AdapterJob, attemptsMade: number): void {
    const queue = this.queue(job.payload.queueName);
    const pending = { job, attemptsMade, sequence: this.sequence++ };
    // Bull's order: priority 1 first, jobs without priority after, FIFO within one priority.
    const rank = (p: PendingJob) => p.job.payload.priority ?? Number.MAX_SAFE_INTEGER;
    const at = queue.ready.findIndex((other) => rank(other) > rank(pending));
    if (at < 0) queue.ready.push(pending);
    else queue.ready.splice(at, 0, pending);
    this.pump(job.payload.queueName);
  }

  private pump(queueName: string): void {
    const queue = this.queue(queueName);
    while (!this.draining && this.performer && queue.running < queue.options.concurrency && queue.ready.length > 0) {
      if (this.rateLimited(queueName, queue)) return;
      this.run(queueName, queue, queue.ready.shift()!);
    }
  }

  private rateLimited(queueName: string, queue: MemoryQueue): boolean {
    const limiter = queue.options.limiter;
    if (!limiter) return false;
    const now = Date.now();
    queue.startedAt = queue.startedAt.filter((time) => now - time < limiter.duration);
    if (queue.startedAt.length < limiter.max) {
      queue.startedAt.push(now);
      return false;
    }
    if (!queue.limiterTimer) {
      const wait = limiter.duration - (now - queue.startedAt[0]);
      queue.limiterTimer = setTimeout(() => ((queue.limiterTimer = undefined), this.pump(queueName)), wait);
      queue.limiterTimer.unref();
    }
    return true;
  }

  private run(queueName: string, queue: MemoryQueue, pending: PendingJob): void {
    queue.running++;
    const { job, attemptsMade } = pending;
    this.performer!(job.payload, { providerJobId: job.payload.jobId, queueName, attemptsMade })
      .catch((error) => {
        const delay = nextAttemptDelay(job, attemptsMade + 1, error);
        if (delay !== null) this.later(delay, () => this.push(job, attemptsMade + 1));
      })
      .finally(() => {
        queue.running--;
        if (this.runningCount() === 0) this.wakeIdleWaiters();
        this.pump(queueName);
      });
  }

  private wakeIdleWaiters(): void {
    for (const wake of this.idleWaiters) wake();
    this.idleWaiters.clear();
  }

  private later(delay: number, action: () => void): void {
    const timer = setTimeout(() => (this.timers.delete(timer), action()), delay);
    timer.unref();
    this.timers.add(timer);
  }

  private runningCount(): number {
    return [...this.queues.values()].reduce((sum, queue) => sum + queue.running, 0);
  }

  private pendingCount(): number {
    return this.timers.size + [...this.queues.values()].reduce((sum, queue) => sum + queue.ready.length, 0);
  }
}
