import type { ActiveJobModuleOptions } from '../../active-job';
import { type DemoConfig, redisConnection } from '../config';
import { LogErrorReporter } from './log-error-reporter';

export type ProcessRole = 'web' | 'worker';

/**
 * ActiveJob settings for one process. With Redis: the bull adapter, the web process only
 * enqueues and the worker consumes. Without: the async adapter runs jobs inside the web process.
 */
export function activeJobOptions(config: DemoConfig, role: ProcessRole): ActiveJobModuleOptions {
  const errorReporter = new LogErrorReporter();
  if (!config.redisUrl) return { adapter: 'async', enqueueTimeout: config.enqueueTimeoutMs, errorReporter };
  return {
    adapter: 'bull',
    connection: redisConnection(config),
    prefix: config.queuePrefix,
    enqueueTimeout: config.enqueueTimeoutMs,
    errorReporter,
    worker: { enabled: role === 'worker', shutdownTimeout: config.shutdownTimeoutMs },
    bullSettings: { lockDuration: config.stalledJobs.lockDurationMs, stalledInterval: config.stalledJobs.checkIntervalMs },
  };
}
