import { execFile } from 'node:child_process';
import { join } from 'node:path';

const FIXTURE = join(__dirname, 'fixtures/refused-start.ts');

/** Runs the fixture's case in a process of its own; resolves with its output once it exits on its own. */
function runUntilExit(start: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Generous: a hung process is what this catches, and it would never exit.
    execFile(process.execPath, ['-r', 'ts-node/register/transpile-only', FIXTURE, start], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error?.killed) reject(new Error(`the process did not exit on its own within 60 s; it printed: ${stdout}${stderr}`));
      else resolve({ code: error ? (error.code as number) : 0, output: stdout });
    });
  });
}

/**
 * Nest calls no shutdown hook for an application that failed to start. The Redis connections the
 * adapter opened while providers were created kept the process alive after the error was caught
 * (`abortOnError: false`): the process hung instead of exiting.
 */
describe('a process whose application the module refuses to start still exits', () => {
  it.each([
    ['job class', 'valueOf cannot be a job class name: it is a member of Object.prototype, which Bull would dispatch to instead of the job; rename the class'],
    ['recurring task', 'Two recurring tasks have the key "TwiceScheduledJob"; give each @Recurring or recurring entry its own key'],
    ['mailer', '@Mailer() class NotAMailer must extend ApplicationMailer'],
    ['outbox', 'the outbox database cannot be reached'],
  ])(
    'refused for its %s: the error is reported and no Redis connection is left open',
    async (start, message) => {
      const { code, output } = await runUntilExit(start);
      expect(output.trim()).toBe(`refused: ${message}`);
      expect(code).toBe(0);
    },
    90_000,
  );
});
