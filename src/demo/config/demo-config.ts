import { resolve } from 'node:path';
import { DemoConfigError } from './demo-config.error';
import { duration, flag, optional, url, wholeNumber } from './env';
import { type IntegrationsConfig, integrationsConfig } from './integrations';

/** Everything the demo reads from the environment, parsed and checked once. */
export interface DemoConfig extends IntegrationsConfig {
  /** `NODE_ENV=production`: Redis is required and the outbox preview (/mails) is off. */
  production: boolean;
  /** HTTP port of the web process. */
  port: number;
  /** Set: the bull adapter (web enqueues, `npm run worker` performs). Unset: the in-process async adapter. */
  redisUrl: string | null;
  /** REDIS_URL names one node of a Redis Cluster (REDIS_CLUSTER=true); the client finds the others. */
  redisCluster: boolean;
  /** Key prefix of the queues; on a Redis Cluster it needs a hash tag, e.g. `{demo}`. */
  queuePrefix: string;
  /** Set: nodemailer's SMTP transport. Unset: `.eml` files in `outboxDir`, shown at /mails. */
  smtpUrl: string | null;
  databasePath: string;
  outboxDir: string;
  mailFrom: string;
  /** Basic-auth credentials of Bull Board; null keeps the board unmounted. */
  board: { user: string; password: string } | null;
  throttle: { limit: number; ttlMs: number };
  /**
   * Longest an enqueue straight to Redis waits: a resend's `deliverLater` (then 503) and each round of the
   * outbox relay, whose lease on the rows it claimed is 3 × this. Signups write to the outbox and never wait for it.
   */
  enqueueTimeoutMs: number;
  /** Longest a worker's shutdown waits for the job in progress; past it the job is left to run again. */
  shutdownTimeoutMs: number;
  /**
   * Bull's stalled-job recovery: a job whose worker died is run again once its lock lapses
   * (`lockDurationMs`) and a stalled check (every `checkIntervalMs`) finds it.
   */
  stalledJobs: { lockDurationMs: number; checkIntervalMs: number };
}

/**
 * Reads the demo's settings from `env` (process.env by default), with defaults that run
 * without any setup. Bad values throw a `DemoConfigError` naming the variable.
 *
 * @example
 * const config = demoConfig();                                  // npm start
 * const config = demoConfig({ REDIS_URL: 'redis://127.0.0.1:6380' }); // tests pass their own env
 */
export function demoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const production = optional(env, 'NODE_ENV') === 'production';
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']) ?? null;
  if (optional(env, 'REDIS_CLUSTER') === 'true' && !redisUrl) {
    throw new DemoConfigError('REDIS_CLUSTER=true needs REDIS_URL, the address of one node of the cluster (e.g. redis://redis-1:6379)');
  }
  // The demo passes adapter: 'async' itself without Redis, which silences the library's own production guard.
  if (production && !redisUrl) {
    throw new DemoConfigError(
      "NODE_ENV is production but REDIS_URL is not set: jobs would be kept in this process's memory and lost on restart. Set REDIS_URL (e.g. redis://127.0.0.1:6379).",
    );
  }
  return {
    production,
    port: wholeNumber(env, 'PORT', 3000, { max: 65_535 }),
    redisUrl,
    redisCluster: flag(env, 'REDIS_CLUSTER', false),
    queuePrefix: optional(env, 'QUEUE_PREFIX') ?? 'bull',
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']) ?? null,
    databasePath: resolve(optional(env, 'DATABASE_PATH') ?? 'var/demo.sqlite'),
    outboxDir: resolve(optional(env, 'OUTBOX_DIR') ?? 'var/outbox'),
    mailFrom: optional(env, 'MAIL_FROM') ?? 'Active Job Demo <hello@example.com>',
    board: boardCredentials(env),
    throttle: {
      limit: wholeNumber(env, 'THROTTLE_LIMIT', 10, { min: 1 }),
      ttlMs: duration(env, 'THROTTLE_TTL', 60_000),
    },
    enqueueTimeoutMs: duration(env, 'ENQUEUE_TIMEOUT', 5_000),
    shutdownTimeoutMs: duration(env, 'SHUTDOWN_TIMEOUT', 25_000),
    // Bull's own defaults; the reliability tests shorten them so crash recovery takes seconds.
    stalledJobs: {
      lockDurationMs: positiveDuration(env, 'BULL_LOCK_DURATION', 30_000),
      checkIntervalMs: positiveDuration(env, 'BULL_STALLED_INTERVAL', 30_000),
    },
    ...integrationsConfig(env),
  };
}

// Bull reads 0 as "never": no lock at all, or no stalled check, and a crashed worker's job would never run again.
function positiveDuration(env: NodeJS.ProcessEnv, name: string, fallbackMs: number): number {
  const value = duration(env, name, fallbackMs);
  if (value === 0) throw new DemoConfigError(`${name} must be more than 0 (Bull would never recover the jobs of a crashed worker)`);
  return value;
}

function boardCredentials(env: NodeJS.ProcessEnv): DemoConfig['board'] {
  const user = optional(env, 'BOARD_USER');
  const password = optional(env, 'BOARD_PASSWORD');
  if (!user && !password) return null;
  if (!user || !password) {
    throw new DemoConfigError(
      `Set both BOARD_USER and BOARD_PASSWORD to open Bull Board, or neither to keep it closed (only ${user ? 'BOARD_USER' : 'BOARD_PASSWORD'} is set)`,
    );
  }
  if (user.includes(':')) throw new DemoConfigError('BOARD_USER must not contain ":" (HTTP basic auth separates user and password with it)');
  return { user, password };
}
