import type { Logger } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DeferredLines, LINES_FLUSH_INTERVAL_MS, LINES_MAX_PENDING } from '../../src/active-job/logging/deferred-lines';
import { waitUntil } from '../support/wait-until';

type Written = { level: string; message: string; stack?: string; stdoutCorked: number };

/** A stand-in for Nest's Logger that records each call and whether stdout was corked at that moment. */
function recordingLogger(): { logger: Logger; written: Written[] } {
  const written: Written[] = [];
  const record = (level: string) => (message: string, stack?: string) => written.push({ level, message, stack, stdoutCorked: process.stdout.writableCorked });
  return { logger: { log: record('log'), warn: record('warn'), error: record('error') } as unknown as Logger, written };
}

describe('DeferredLines', () => {
  it('writes success lines nothing at once, then in order at the next flush', async () => {
    const { logger, written } = recordingLogger();
    const lines = new DeferredLines(logger);
    lines.log('one');
    lines.log('two');
    expect(written).toEqual([]);
    await waitUntil(() => written.length === 2, 10 * LINES_FLUSH_INTERVAL_MS, 'the two lines');
    expect(written.map(({ level, message }) => [level, message])).toEqual([
      ['log', 'one'],
      ['log', 'two'],
    ]);
  });

  it('writes warnings, errors and problem lines at once, after the lines waiting before them', () => {
    const { logger, written } = recordingLogger();
    const lines = new DeferredLines(logger);
    lines.log('a');
    lines.error('b', 'Error: b\n    at somewhere');
    expect(written.map(({ level, message, stack }) => [level, message, stack])).toEqual([
      ['log', 'a', undefined],
      ['error', 'b', 'Error: b\n    at somewhere'],
    ]);
    lines.warn('c');
    lines.log('d');
    lines.logNow('e');
    expect(written.map(({ level, message }) => [level, message])).toEqual([
      ['log', 'a'],
      ['error', 'b'],
      ['warn', 'c'],
      ['log', 'd'],
      ['log', 'e'],
    ]);
  });

  it('writes a batch with stdout corked, and an error line uncorked once the batch is out', () => {
    const { logger, written } = recordingLogger();
    const lines = new DeferredLines(logger);
    const corkedBefore = process.stdout.writableCorked;
    lines.log('a');
    lines.log('b');
    lines.error('c');
    expect(written.map(({ message, stdoutCorked }) => [message, stdoutCorked - corkedBefore])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 0],
    ]);
    expect(process.stdout.writableCorked).toBe(corkedBefore);
  });

  it('writes a burst of LINES_MAX_PENDING lines at once instead of holding them', () => {
    const { logger, written } = recordingLogger();
    const lines = new DeferredLines(logger);
    for (let i = 0; i < LINES_MAX_PENDING - 1; i++) lines.log(`line ${i}`);
    expect(written).toHaveLength(0);
    lines.log('the last one');
    expect(written).toHaveLength(LINES_MAX_PENDING);
    expect(written.at(-1)!.message).toBe('the last one');
    lines.flush(); // nothing left, and no timer keeps the test running
    expect(written).toHaveLength(LINES_MAX_PENDING);
  });

  it('leaves stdout uncorked when the logger throws', () => {
    const corkedBefore = process.stdout.writableCorked;
    const lines = new DeferredLines({
      log: () => {
        throw new Error('broken logger');
      },
    } as unknown as Logger);
    lines.log('x');
    expect(() => lines.flush()).toThrow('broken logger');
    expect(process.stdout.writableCorked).toBe(corkedBefore);
  });

  it('writes pending lines when the process exits before the interval has passed', () => {
    const script = `
      const { ConsoleLogger, Logger } = require('@nestjs/common');
      const { DeferredLines } = require(${JSON.stringify(join(__dirname, '../../src/active-job/logging/deferred-lines'))});
      const lines = new DeferredLines(new Logger('ActiveJob'));
      Logger.overrideLogger(new ConsoleLogger());
      lines.log('written on the way out');
      process.exit(0);
    `;
    const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(output).toMatch(/LOG \[ActiveJob\] written on the way out\n$/);
  });
});
