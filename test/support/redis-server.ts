import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface RedisServerOptions {
  /** Extra `redis-server` arguments, e.g. ['--requirepass', 'secret'] or ['--appendonly', 'yes']. */
  args?: string[];
  port?: number;
  /** A config file's text, written to the server's dir and loaded first; Sentinel needs one, as it rewrites it. */
  config?: string;
  /** Run as Redis Sentinel (`redis-server <config> --sentinel`), without the separate redis-sentinel package. */
  sentinel?: boolean;
}

/**
 * A `redis-server` of the tests' own: a free loopback port, its own temp dir, stopped at the end.
 * It never touches a Redis it did not start.
 */
export class RedisServer {
  private process?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'active-job-redis-'));

  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(options.port ?? (await freePort()), options);
    await server.spawn();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Starts it again on the same port and dir (after stop or kill). */
  async restart(): Promise<void> {
    if (this.process) await this.stop(false);
    await this.spawn();
  }

  /** SIGKILL: no chance to save or say goodbye. */
  async kill(): Promise<void> {
    await this.terminate('SIGKILL');
  }

  async stop(removeDir = true): Promise<void> {
    await this.terminate('SIGTERM');
    if (removeDir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    // 'close', not 'exit': the output pipes close a moment after the process exits, and Jest counts them as open.
    await new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.kill(signal);
    });
  }

  private spawn(): Promise<void> {
    const configFile = join(this.dir, 'redis.conf');
    // Written once: on restart, a sentinel finds the state it rewrote into it (the master it follows now).
    if (this.options.config !== undefined && !existsSync(configFile)) writeFileSync(configFile, `${this.options.config}\n`);
    const args = [
      ...(this.options.config !== undefined ? [configFile] : []),
      ...(this.options.sentinel ? ['--sentinel'] : []),
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      ...(this.options.args ?? []),
    ];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`redis-server did not start on port ${this.port} within 10 s:\n${output}`)), 10_000);
      const fail = (error: Error) => (clearTimeout(timer), child.kill('SIGKILL'), reject(error));
      child.on('error', (error) => fail(new Error(`Cannot run redis-server (${error.message}); it must be on PATH`)));
      child.on('exit', (code) => fail(new Error(`redis-server exited with code ${code}:\n${output}`)));
      // Readiness is the port answering, which works whatever the log level.
      const poll = async () => {
        const { createConnection } = await import('node:net');
        const socket = createConnection({ port: this.port, host: '127.0.0.1' });
        socket.once('connect', () => {
          socket.end();
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve();
        });
        socket.once('error', () => setTimeout(() => void poll(), 20));
      };
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      void poll();
    });
  }
}
