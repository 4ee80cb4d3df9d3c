import type { ActiveJobModuleOptions, OutboxStore } from '../../active-job';
import { type DemoConfig, redisConnection } from '../config';
import { LogErrorReporter } from './log-error-reporter';

export type ProcessRole = 'web' | 'worker';

/**
 * ActiveJob settings for one process. With Redis: the bull adapter, the web process only
 * enqueues and the worker consumes. Without: the async adapter runs jobs inside the web process.
 * Either way a job enqueued in a database transaction goes to the outbox in it, and the relay of
 * each process moves it on once committed, so a signup never waits for (or fails with) Redis.
 */
export function activeJobOptions(config: DemoConfig, role: ProcessRole, outbox?: OutboxStore): ActiveJobModuleOptions {
  const errorReporter = new LogErrorReporter();
  // A relay that dies holding entries (its lease) leaves them to the next relay after leaseTime; a round
  // lasts at most about one enqueue timeout, so three of those, and never under 10 s, is safe and short.
  const transactions = outbox ? { outbox, relay: { leaseTime: Math.max(10_000, 3 * config.enqueueTimeoutMs) } } : undefined;
  if (!config.redisUrl) return { adapter: 'async', enqueueTimeout: config.enqueueTimeoutMs, errorReporter, transactions };
  return {
    transactions,
    adapter: 'bull',
    connection: redisConnection(config),
    prefix: config.queuePrefix,
    enqueueTimeout: config.enqueueTimeoutMs,
    errorReporter,
    worker: { enabled: role === 'worker', shutdownTimeout: config.shutdownTimeoutMs },
    bullSettings: { lockDuration: config.stalledJobs.lockDurationMs, stalledInterval: config.stalledJobs.checkIntervalMs },
  };
}
