import { Logger } from '@nestjs/common';
import { LogErrorReporter } from '../../src/demo/jobs/log-error-reporter';
import { join } from 'node:path';
import { DEVELOPMENT_WEBHOOK_SECRET, DemoConfigError, demoConfig } from '../../src/demo/config';
import { activeJobOptions } from '../../src/demo/jobs';

describe('demoConfig', () => {
  it('runs with no environment at all: port 3000, no Redis, no SMTP, files under var/', () => {
    expect(demoConfig({})).toEqual({
      production: false,
      port: 3000,
      redisUrl: null,
      redisCluster: false,
      queuePrefix: 'bull',
      smtpUrl: null,
      databasePath: join(process.cwd(), 'var', 'demo.sqlite'),
      outboxDir: join(process.cwd(), 'var', 'outbox'),
      mailFrom: 'Active Job Demo <hello@example.com>',
      board: null,
      throttle: { limit: 10, ttlMs: 60_000 },
      enqueueTimeoutMs: 5_000,
      shutdownTimeoutMs: 25_000,
      stalledJobs: { lockDurationMs: 30_000, checkIntervalMs: 30_000 },
      crmUrl: null,
      webhookUrl: null,
      webhookSecret: DEVELOPMENT_WEBHOOK_SECRET,
      crmTimeoutMs: 10_000,
      webhookTimeoutMs: 10_000,
    });
  });

  it('reads every variable', () => {
    const config = demoConfig({
      PORT: '8080',
      REDIS_URL: 'redis://:pw@127.0.0.1:6380/2',
      REDIS_CLUSTER: 'true',
      QUEUE_PREFIX: '{demo}',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      DATABASE_PATH: '/tmp/app.sqlite',
      OUTBOX_DIR: '/tmp/outbox',
      MAIL_FROM: 'Team <team@example.org>',
      BOARD_USER: 'admin',
      BOARD_PASSWORD: 'pw',
      THROTTLE_LIMIT: '3',
      THROTTLE_TTL: '30s',
      ENQUEUE_TIMEOUT: '1500',
      SHUTDOWN_TIMEOUT: '10s',
      BULL_LOCK_DURATION: '2s',
      BULL_STALLED_INTERVAL: '500ms',
      CRM_URL: 'https://crm.example.com/api',
      WEBHOOK_URL: 'https://partner.example.com/hooks',
      WEBHOOK_SECRET: 'a-secret-of-at-least-16-chars',
      CRM_TIMEOUT: '5s',
      WEBHOOK_TIMEOUT: '2500',
    });
    expect(config).toEqual({
      production: false,
      port: 8080,
      redisUrl: 'redis://:pw@127.0.0.1:6380/2',
      redisCluster: true,
      queuePrefix: '{demo}',
      smtpUrl: 'smtp://127.0.0.1:2525',
      databasePath: '/tmp/app.sqlite',
      outboxDir: '/tmp/outbox',
      mailFrom: 'Team <team@example.org>',
      board: { user: 'admin', password: 'pw' },
      throttle: { limit: 3, ttlMs: 30_000 },
      enqueueTimeoutMs: 1_500,
      shutdownTimeoutMs: 10_000,
      stalledJobs: { lockDurationMs: 2_000, checkIntervalMs: 500 },
      crmUrl: 'https://crm.example.com/api',
      webhookUrl: 'https://partner.example.com/hooks',
      webhookSecret: 'a-secret-of-at-least-16-chars',
      crmTimeoutMs: 5_000,
      webhookTimeoutMs: 2_500,
    });
  });

  it('hands the worker settings to ActiveJob: shutdown bound and Bull lock and stalled-check intervals', () => {
    const config = demoConfig({ REDIS_URL: 'redis://127.0.0.1:6380', SHUTDOWN_TIMEOUT: '3s', BULL_LOCK_DURATION: '1500ms', BULL_STALLED_INTERVAL: '750' });
    expect(activeJobOptions(config, 'worker')).toMatchObject({
      worker: { enabled: true, shutdownTimeout: 3_000 },
      bullSettings: { lockDuration: 1_500, stalledInterval: 750 },
    });
  });

  it('reports job errors that need a human to its log, for every process and adapter', () => {
    const reporter = activeJobOptions(demoConfig({}), 'web').errorReporter!;
    expect(activeJobOptions(demoConfig({ REDIS_URL: 'redis://127.0.0.1:6380' }), 'worker').errorReporter).toBeInstanceOf(LogErrorReporter);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      void reporter.report(new Error('550 mailbox unavailable'), {
        job: { jobClass: 'WelcomeEmailJob', jobId: 'j-1', providerJobId: '7', queueName: 'mailers', executions: 1, arguments: [1] },
        reason: 'discarded',
        handled: true,
      });
      expect(error).toHaveBeenCalledWith('WelcomeEmailJob (Job ID: j-1, run 1) discarded: Error: 550 mailbox unavailable');
      void reporter.report(new Error('x'.repeat(300 * 1024)), {
        job: { jobClass: 'WelcomeEmailJob', jobId: 'j-2', providerJobId: '8', queueName: 'mailers', executions: 1, arguments: [] },
        reason: 'failed',
        handled: false,
      });
      expect(String(error.mock.calls[1][0]).length).toBeLessThan(1_200);
      expect(error.mock.calls[1][0]).toMatch(/\.\.\. \[truncated: 307207 characters in all\]$/);
    } finally {
      error.mockRestore();
    }
  });

  it('connects ActiveJob to a Redis Cluster through one node of it, credentials going to every node', () => {
    const config = demoConfig({ REDIS_URL: 'rediss://app:s3cret@redis-1.internal:7000', REDIS_CLUSTER: 'true', QUEUE_PREFIX: '{demo}' });
    expect(activeJobOptions(config, 'web')).toMatchObject({
      connection: { cluster: [{ host: 'redis-1.internal', port: 7000 }], clusterOptions: { redisOptions: { username: 'app', password: 's3cret', tls: {} } } },
      prefix: '{demo}',
    });
    expect(activeJobOptions(demoConfig({ REDIS_URL: 'redis://127.0.0.1:6380' }), 'web')).toMatchObject({
      connection: 'redis://127.0.0.1:6380',
      prefix: 'bull',
    });
  });

  it('refuses NODE_ENV=production without REDIS_URL, naming REDIS_URL: jobs would live in memory', () => {
    // The partner webhook's secret is set: the only thing missing is REDIS_URL.
    expect(() => demoConfig({ NODE_ENV: 'production', WEBHOOK_SECRET: 'a-secret-of-our-own' })).toThrow(
      new DemoConfigError(
        "NODE_ENV is production but REDIS_URL is not set: jobs would be kept in this process's memory and lost on restart. Set REDIS_URL (e.g. redis://127.0.0.1:6379).",
      ),
    );
    expect(demoConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6380', WEBHOOK_SECRET: 'a-secret-of-our-own' })).toMatchObject({
      production: true,
      redisUrl: 'redis://127.0.0.1:6380',
    });
  });

  it('treats empty variables as unset', () => {
    expect(demoConfig({ REDIS_URL: '', SMTP_URL: ' ', BOARD_USER: '', BOARD_PASSWORD: '' })).toMatchObject({ redisUrl: null, smtpUrl: null, board: null });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must start with redis:// or rediss://, got localhost:'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL must start with redis:// or rediss://, got http://'],
    [{ REDIS_CLUSTER: 'yes', REDIS_URL: 'redis://127.0.0.1:7000' }, 'REDIS_CLUSTER must be true or false, got "yes"'],
    [{ REDIS_CLUSTER: 'true' }, 'REDIS_CLUSTER=true needs REDIS_URL, the address of one node of the cluster'],
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL must be a URL such as smtp://127.0.0.1, got "not a url"'],
    [{ BOARD_USER: 'admin' }, 'Set both BOARD_USER and BOARD_PASSWORD to open Bull Board, or neither to keep it closed (only BOARD_USER is set)'],
    [{ BOARD_USER: 'a:b', BOARD_PASSWORD: 'pw' }, 'BOARD_USER must not contain ":"'],
    [{ THROTTLE_LIMIT: '0' }, 'THROTTLE_LIMIT must be a whole number from 1 to'],
    [{ THROTTLE_TTL: 'a minute' }, 'THROTTLE_TTL must be milliseconds or a duration such as 500ms, 5s, 1m, got "a minute"'],
    [{ ENQUEUE_TIMEOUT: '-1s' }, 'ENQUEUE_TIMEOUT must be milliseconds or a duration'],
    [{ SHUTDOWN_TIMEOUT: 'soon' }, 'SHUTDOWN_TIMEOUT must be milliseconds or a duration such as 500ms, 5s, 1m, got "soon"'],
    [{ BULL_LOCK_DURATION: '0' }, 'BULL_LOCK_DURATION must be more than 0 (Bull would never recover the jobs of a crashed worker)'],
    [{ BULL_STALLED_INTERVAL: '0s' }, 'BULL_STALLED_INTERVAL must be more than 0'],
    [{ BULL_STALLED_INTERVAL: '1 minute' }, 'BULL_STALLED_INTERVAL must be milliseconds or a duration'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => demoConfig(env)).toThrow(DemoConfigError);
    expect(() => demoConfig(env)).toThrow(message);
  });
});
