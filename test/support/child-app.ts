import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './wait-until';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Every child still alive, so `ChildApp.killAll()` in an afterAll can leave nothing behind, whatever failed. */
const live = new Set<ChildApp>();

/**
 * A TypeScript entry point (the demo's `main.ts` / `worker.ts`, or a fixture) as a child process
 * through ts-node, with only the environment given. Tests SIGTERM it, SIGKILL it, and read its log.
 */
export class ChildApp {
  private output = '';
  private readonly exited: Promise<ChildExit>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => (live.delete(this), resolve({ code, signal }))));
    live.add(this);
  }

  /**
   * `entry` is relative to the repository root, e.g. 'src/demo/worker.ts'. A `preload` module runs
   * first, with an IPC channel to this process (see `ask`).
   */
  static start(name: string, entry: string, env: Record<string, string>, { preload }: { preload?: string } = {}): ChildApp {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...(preload ? ['-r', preload] : []), entry], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe', ...(preload ? (['ipc'] as const) : [])],
    });
    return new ChildApp(name, child);
  }

  static web(env: Record<string, string>, name = 'web', options: { preload?: string } = {}): ChildApp {
    return ChildApp.start(name, 'src/demo/main.ts', env, options);
  }

  /**
   * Resolves once `pattern` is logged; a process that does not get there in time is killed, so no half-started child lingers.
   * The bound is generous, yet under the 60 s of the suites' beforeAll hooks: three or four processes compiling the
   * sources through ts-node at once on two busy cores have been seen to print nothing for 30 s.
   */
  async ready(pattern: RegExp, timeoutMs = 50_000): Promise<this> {
    try {
      await this.waitForLog(pattern, timeoutMs);
      return this;
    } catch (error) {
      await this.kill();
      throw new Error(`${(error as Error).message}; its log:\n${this.output.slice(-3000)}`);
    }
  }

  /** Sends `question` to the preloaded module over IPC and resolves with its answer. */
  ask<T>(question: string, timeoutMs = 5_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not answer ${question} within ${timeoutMs} ms`)), timeoutMs);
      this.child.once('message', (answer) => (clearTimeout(timer), resolve(answer as T)));
      this.child.send(question);
    });
  }

  static worker(env: Record<string, string>, name = 'worker'): ChildApp {
    return ChildApp.start(name, 'src/demo/worker.ts', env);
  }

  /** SIGKILLs every child still running: for afterAll, so a failed test leaves no process behind. */
  static async killAll(): Promise<void> {
    await Promise.all([...live].map((app) => app.kill()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The number of lines of the log that match `pattern`. */
  count(pattern: RegExp): number {
    return this.output.split('\n').filter((line) => pattern.test(line)).length;
  }

  async waitForLog(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return waitFor(
      `${pattern} in the log of ${this.name}`,
      () => {
        const match = this.output.match(pattern);
        if (match) return match;
        if (!this.running) throw new Error(`${this.name} exited before logging ${pattern}:\n${this.output}`);
        return undefined;
      },
      timeoutMs,
    );
  }

  /** Sends SIGTERM and resolves when the process has exited, with how long that took. */
  async terminate(): Promise<ChildExit & { ms: number }> {
    const startedAt = Date.now();
    if (this.running) this.child.kill('SIGTERM');
    const exit = await this.exited;
    return { ...exit, ms: Date.now() - startedAt };
  }

  /** SIGTERM and wait for the graceful shutdown; SIGKILL if it takes longer than `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<ChildExit> {
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** SIGKILL: no shutdown hook runs, the job in hand stays active in Redis with its lock. */
  async kill(): Promise<ChildExit> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  waitForExit(): Promise<ChildExit> {
    return this.exited;
  }
}
