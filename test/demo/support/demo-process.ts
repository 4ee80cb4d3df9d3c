import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './wait';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const ENTRY_POINTS = { web: 'src/demo/main.ts', worker: 'src/demo/worker.ts' } as const;

/**
 * `npm start` or `npm run worker` as a child process: the real entry point through ts-node,
 * with only the environment given (nothing leaks in from the shell running the tests).
 */
export class DemoProcess {
  private output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(role: keyof typeof ENTRY_POINTS, env: Record<string, string>): DemoProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ENTRY_POINTS[role]], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new DemoProcess(child);
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first match of `pattern` in the output; fails early if the process exits. */
  async waitForLog(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return waitFor(`${pattern} in the output of the demo process`, () => {
      const match = this.output.match(pattern);
      if (match) return match;
      if (!this.running) throw new Error(`The demo process exited before logging ${pattern}:\n${this.output}`);
      return undefined;
    }, timeoutMs);
  }

  /** Resolves when the process exits by itself. */
  waitForExit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }

  /** Sends `signal` (SIGKILL: no shutdown hook runs) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  /** SIGTERM and wait for the graceful shutdown; SIGKILL if it takes longer than `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      const result = await this.exited;
      clearTimeout(timer);
      return result;
    }
    return this.exited;
  }
}
