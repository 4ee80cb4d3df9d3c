import { InvalidJobOptionsError } from '../../src/active-job';
import { RecordJob } from '../jobs/record.job';
import { createJobsApp } from '../support/jobs-app';
import { resolveOptions } from '../../src/active-job/active-job-options';
import { toMilliseconds } from '../../src/active-job/utils/duration';

describe('module options', () => {
  it('defaults to the async adapter without a connection and to bull with one', () => {
    expect(resolveOptions({}, {}).adapter).toBe('async');
    expect(resolveOptions({ connection: 'redis://127.0.0.1:1' }, {}).adapter).toBe('bull');
  });

  it('fills every default, with bounded retention so Redis cannot grow forever', () => {
    expect(resolveOptions({}, {})).toMatchObject({
      prefix: 'bull',
      defaultJobOptions: { attempts: 1, removeOnComplete: { count: 1000, age: 86400 }, removeOnFail: { count: 5000, age: 604800 } },
      worker: { enabled: false, concurrency: 1, shutdownTimeoutMs: 25_000 },
      enqueueTimeoutMs: 5_000,
      logArguments: true,
      logLines: 'all',
      maxPayloadBytes: 512 * 1024,
    });
  });

  it('takes durations in the same forms everywhere: retention age and limiter.duration as ms or strings', () => {
    const options = resolveOptions({ defaultJobOptions: { removeOnComplete: { age: '2d', count: 10 }, removeOnFail: { age: 90_000 } } }, {});
    // Bull keeps age in seconds; the library takes a duration like every other option.
    expect(options.defaultJobOptions).toMatchObject({ removeOnComplete: { age: 172_800, count: 10 }, removeOnFail: { age: 90 } });
    expect(() => resolveOptions({ defaultJobOptions: { removeOnComplete: { age: 'a week' } } }, {})).toThrow(
      new InvalidJobOptionsError(
        "defaultJobOptions.removeOnComplete.age must be milliseconds or a string such as '30s', '10m', '2h' (units ms, s, m, h, d, w), got \"a week\"",
      ),
    );
    expect(() => resolveOptions({ defaultJobOptions: { removeOnFail: { keep: 3 } as never } }, {})).toThrow(
      /removeOnFail must be true, false, a whole number of jobs to keep, or \{ count, age \}/,
    );
  });

  it('reads queue naming, priority, jitter and reporter options, and names a bad one', () => {
    expect(resolveOptions({ queueNamePrefix: 'production', defaultQueueName: 'low', defaultPriority: 5, retryJitter: 0 }, {})).toMatchObject({
      queueNamePrefix: 'production',
      queueNameDelimiter: '_',
      defaultQueueName: 'low',
      defaultPriority: 5,
      retryJitter: 0,
    });
    expect(() => resolveOptions({ queueNameDelimiter: '' }, {})).toThrow(/queueNameDelimiter must be a non-empty string without ':'/);
    expect(() => resolveOptions({ retryJitter: -1 }, {})).toThrow(/retryJitter must be a number of at least 0, got -1/);
    expect(() => resolveOptions({ errorReporter: {} as never }, {})).toThrow(/errorReporter must be an object with a report\(error, context\) method/);
  });

  it('refuses to keep jobs in memory in production unless told to', () => {
    expect(() => resolveOptions({}, { NODE_ENV: 'production' })).toThrow(/NODE_ENV is production but ActiveJobModule has neither an adapter nor a connection/);
    expect(resolveOptions({ adapter: 'async' }, { NODE_ENV: 'production' }).adapter).toBe('async');
    expect(resolveOptions({ connection: 'redis://x:6379' }, { NODE_ENV: 'production' }).adapter).toBe('bull');
  });

  it('keeps an app in production from starting without a durable adapter, saying why', async () => {
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(createJobsApp({ jobs: [RecordJob] })).rejects.toThrow(
        'NODE_ENV is production but ActiveJobModule has neither an adapter nor a connection, so jobs would live only in memory and be lost on restart.',
      );
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });

  it.each([
    [{ adapter: 'sidekiq' }, 'Unknown adapter "sidekiq": use one of bull, async, inline, test'],
    [{ workers: {} }, 'Unknown ActiveJobModule option "workers"'],
    [{ worker: { concurency: 2 } }, 'Unknown ActiveJobModule worker option "concurency"'],
    [{ worker: { concurrency: 0 } }, 'worker.concurrency must be a whole number of at least 1, got 0'],
    [{ defaultJobOptions: { attempts: 1.5 } }, 'defaultJobOptions.attempts must be a whole number of at least 1, got 1.5'],
    [{ defaultJobOptions: { backoff: { type: 'linear', delay: 1 } } }, "defaultJobOptions.backoff.type must be 'fixed' or 'exponential'"],
    [{ enqueueTimeout: 'soon' }, 'enqueueTimeout must be milliseconds or a string such as'],
    [{ worker: { shutdownTimeout: -1 } }, 'worker.shutdownTimeout must be a non-negative number of milliseconds, got -1'],
    [{ logLines: 'errors' }, `logLines must be 'all' or 'failures', got "errors"`],
    [{ logLines: false }, `logLines must be 'all' or 'failures', got false`],
  ])('refuses %j with a clear message', (options, message) => {
    expect(() => resolveOptions(options as any, {})).toThrow(InvalidJobOptionsError);
    expect(() => resolveOptions(options as any, {})).toThrow(message);
  });

  it('reads durations as milliseconds or unit strings', () => {
    expect(toMilliseconds(1500, 'x')).toBe(1500);
    expect(toMilliseconds('500ms', 'x')).toBe(500);
    expect(toMilliseconds('30s', 'x')).toBe(30_000);
    expect(toMilliseconds('10m', 'x')).toBe(600_000);
    expect(toMilliseconds('1.5h', 'x')).toBe(5_400_000);
    expect(toMilliseconds('2d', 'x')).toBe(172_800_000);
    expect(() => toMilliseconds('10 minutes', 'set() wait')).toThrow("set() wait must be milliseconds or a string such as '30s'");
  });
});
