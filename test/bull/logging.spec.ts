import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ApplicationJob, Job } from '../../src/active-job';
import { FlakyJob } from '../jobs/flaky.job';
import { PerformedLog } from '../jobs/performed-log';
import { RecordJob } from '../jobs/record.job';
import { RetryJob } from '../jobs/retry.job';
import { CaptureLogger } from '../support/capture-logger';
import { createJobsApp, testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { waitUntil } from '../support/wait-until';

@Job({ queue: 'secrets', logArguments: false })
class SecretJob extends ApplicationJob {
  constructor(private readonly log: PerformedLog) {
    super();
  }
  perform(token: string): void {
    this.log.record({ job: 'SecretJob', args: [token.length] });
  }
}

const ID = '[0-9a-f-]{36}';
const logged = (logger: CaptureLogger, start: string) =>
  waitUntil(() => logger.messages('ActiveJob').some((line) => line.startsWith(start)), 5_000, `a line starting with "${start}"`);

describe('log lines', () => {
  it("logs enqueue and perform as ActiveJob does, through Nest's Logger", async () => {
    const logger = new CaptureLogger();
    const app = await createJobsApp({ jobs: [RecordJob, FlakyJob], connection: testRedisUrl(), prefix: uniquePrefix(), worker: { enabled: true }, logger });
    try {
      await RecordJob.performLater('hello', { userId: 42 });
      await app.get(PerformedLog).waitFor(1);
      await waitUntil(() => logger.messages('ActiveJob').some((line) => line.startsWith('Performed ')));
      const [enqueued, performing, performed] = logger.messages('ActiveJob').filter((line) => /RecordJob/.test(line));
      expect(enqueued).toMatch(new RegExp(`^Enqueued RecordJob \\(Job ID: ${ID}\\) to Bull\\(records\\) with arguments: 'hello', \\{ userId: 42 \\}$`));
      expect(performing).toMatch(
        new RegExp(`^Performing RecordJob \\(Job ID: ${ID}\\) from Bull\\(records\\) enqueued at \\S+Z with arguments: 'hello', \\{ userId: 42 \\}$`),
      );
      expect(performed).toMatch(new RegExp(`^Performed RecordJob \\(Job ID: ${ID}\\) from Bull\\(records\\) in \\d+\\.\\dms$`));

      await FlakyJob.set({ wait: 60_000 }).performLater(9);
      await logged(logger, 'Enqueued FlakyJob');
      expect(logger.messages('ActiveJob').at(-1)).toMatch(new RegExp(`^Enqueued FlakyJob \\(Job ID: ${ID}\\) to Bull\\(flaky\\) at \\S+Z with arguments: 9$`));
      await FlakyJob.performNow(2).catch(() => undefined);
      await logged(logger, 'Error performing FlakyJob');
      const error = logger.lines.find((line) => line.level === 'error' && line.message.startsWith('Error performing FlakyJob'));
      expect(error?.message).toMatch(/from Bull\(flaky\) in \d+\.\dms: Error \(flaky failure on run 1\)$/);
    } finally {
      await app.close();
    }
  });

  it('leaves arguments out when logArguments is off, for the module or one job class', async () => {
    const logger = new CaptureLogger();
    const app = await createJobsApp({ jobs: [RecordJob, SecretJob], adapter: 'inline', logger });
    try {
      await SecretJob.performLater('s3cr3t-token');
      await RecordJob.performLater('visible');
      await logged(logger, 'Enqueued RecordJob'); // lines are written in batches a few milliseconds after their events
      const lines = logger.messages('ActiveJob');
      expect(lines.join('\n')).not.toContain('s3cr3t-token');
      expect(lines.find((line) => line.startsWith('Enqueued SecretJob'))).toMatch(/to Inline\(secrets\)$/);
      expect(lines.find((line) => line.startsWith('Enqueued RecordJob'))).toMatch(/with arguments: 'visible'$/);
    } finally {
      await app.close();
    }
    const quiet = new CaptureLogger();
    const quietApp = await createJobsApp({ jobs: [RecordJob], adapter: 'inline', logArguments: false, logger: quiet });
    await RecordJob.performLater('hidden');
    await quietApp.close();
    expect(quiet.messages('ActiveJob').join('\n')).not.toContain('hidden');
  });

  it('writes the lines in order a moment after the events, and all of them before the app has closed', async () => {
    const logger = new CaptureLogger();
    const app = await createJobsApp({ jobs: [RecordJob], adapter: 'inline', logger });
    await RecordJob.performLater('first');
    expect(logger.messages('ActiveJob').filter((line) => line.includes('RecordJob'))).toEqual([]);
    await RecordJob.performLater('second');
    await app.close();
    expect(logger.messages('ActiveJob').map((line) => line.split(' (')[0])).toEqual([
      'Performing RecordJob',
      'Performed RecordJob',
      'Enqueued RecordJob',
      'Performing RecordJob',
      'Performed RecordJob',
      'Enqueued RecordJob',
    ]);
  });

  it('says once at startup that the async adapter keeps jobs only in memory', async () => {
    const logger = new CaptureLogger();
    const app = await createJobsApp({ jobs: [RecordJob], logger });
    await RecordJob.performLater('x');
    await app.get(PerformedLog).waitFor(1);
    await app.close();
    const warnings = logger.lines.filter((line) => line.level === 'warn' && line.message.includes('lost on restart'));
    expect(warnings).toHaveLength(1);
  });

  describe("logLines: 'failures'", () => {
    /** Jobs that go well, one retried, one discarded and one that fails, on the inline adapter; the ActiveJob lines once the app has closed. */
    const linesOf = async (logLines?: 'all' | 'failures') => {
      const logger = new CaptureLogger();
      const app = await createJobsApp({ jobs: [RecordJob, FlakyJob, RetryJob], adapter: 'inline', logLines, logger });
      try {
        await RecordJob.performLater('fine');
        await RetryJob.performLater('InstantRetryError', 2);
        await RetryJob.performLater('DiscardableError', 2);
        await FlakyJob.performNow(2).catch(() => undefined);
        await RecordJob.performAllLater([['a'], ['b']]);
      } finally {
        await app.close();
      }
      return logger.messages('ActiveJob');
    };
    const isSuccessLine = (line: string) => /^(Enqueued|Performing|Performed) /.test(line);

    it('writes no line for the jobs that went well, and every line about a problem that the default writes', async () => {
      const all = await linesOf();
      const failures = await linesOf('failures');
      const kind = (line: string) => line.split(' (')[0];
      expect(all.filter(isSuccessLine).length).toBeGreaterThan(0);
      expect(failures.filter(isSuccessLine)).toEqual([]);
      expect(failures.map(kind)).toEqual(all.filter((line) => !isSuccessLine(line)).map(kind));
      expect(failures.map(kind)).toEqual(expect.arrayContaining(['Retrying RetryJob', 'Discarded RetryJob', 'Error performing FlakyJob']));
    });

    it('is refused when it is neither all nor failures', async () => {
      await expect(createJobsApp({ jobs: [RecordJob], adapter: 'inline', logLines: 'errors' as never })).rejects.toThrow(
        "logLines must be 'all' or 'failures', got \"errors\"",
      );
    });
  });

  it('writes a failure line at once, after the lines waiting before it', async () => {
    const logger = new CaptureLogger();
    const app = await createJobsApp({ jobs: [RecordJob, FlakyJob], adapter: 'inline', logger });
    try {
      await RecordJob.performLater('first');
      await FlakyJob.performNow(2).catch(() => undefined);
      // No wait: the error line, and the success lines queued before it, are already written.
      expect(logger.messages('ActiveJob').map((line) => line.split(' (')[0])).toEqual([
        'Performing RecordJob',
        'Performed RecordJob',
        'Enqueued RecordJob',
        'Performing FlakyJob',
        'Error performing FlakyJob',
      ]);
    } finally {
      await app.close();
    }
  });

  it('has written the failure line when the process is killed right after the job failed', () => {
    const script = `
      require('reflect-metadata');
      const { ConsoleLogger, Module } = require('@nestjs/common');
      const { NestFactory } = require('@nestjs/core');
      const { ActiveJobModule, ApplicationJob, Job } = require(${JSON.stringify(join(__dirname, '../../src/active-job'))});
      class FailingJob extends ApplicationJob { perform() { throw new Error('boom before the crash'); } }
      Job({ queue: 'crashes' })(FailingJob);
      class AppModule {}
      Module({ imports: [ActiveJobModule.forRoot({ adapter: 'inline' }), ActiveJobModule.forFeature([FailingJob])] })(AppModule);
      NestFactory.createApplicationContext(AppModule, { logger: new ConsoleLogger() }).then(async () => {
        await FailingJob.performLater().catch(() => undefined);
        process.kill(process.pid, 'SIGKILL');
      });
    `;
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stderr).toMatch(
      /ERROR \[ActiveJob\] Error performing FailingJob \(Job ID: [\w-]+\) from Inline\(crashes\) in [\d.]+ms: Error \(boom before the crash\)/,
    );
  });
});
