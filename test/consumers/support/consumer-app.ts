import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
const CONSUMERS = join(REPO_ROOT, 'test', 'consumers');

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a command to its end and returns its exit code with stdout and stderr interleaved. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** As `run`, failing with the command's output when it does not exit 0. */
export async function runOk(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const { code, output } = await run(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code} in ${options.cwd}:\n${output.slice(-6000)}`);
  return output;
}

/** Builds the library and packs it as npm would publish it; returns the tarball's path. */
export async function packLibrary(into: string): Promise<string> {
  const output = await runOk('npm', ['pack', '--pack-destination', into, '--json'], { cwd: REPO_ROOT });
  const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
  return join(into, filename);
}

/**
 * A throwaway Nest app in a temp dir: the template's package.json and configs (`test/consumers/<template>`)
 * around the shared app sources (`test/consumers/app`), with the packed library as a dependency.
 */
export class ConsumerApp {
  private constructor(readonly dir: string) {}

  static create(template: string, tarball: string): ConsumerApp {
    const dir = mkdtempSync(join(tmpdir(), `active-job-${template}-`));
    cpSync(join(CONSUMERS, 'app'), dir, { recursive: true });
    cpSync(join(CONSUMERS, template), dir, { recursive: true });
    mkdirSync(join(dir, 'test'), { recursive: true });
    cpSync(join(dir, 'setup.ts'), join(dir, 'test', 'setup.ts'));
    rmSync(join(dir, 'setup.ts'));
    const manifest = readFileSync(join(dir, 'package.json'), 'utf8').replace('__TARBALL__', `file:${tarball}`);
    writeFileSync(join(dir, 'package.json'), manifest);
    return new ConsumerApp(dir);
  }

  /** A plain `npm install`: no --legacy-peer-deps, and peer conflicts are errors. */
  install(): Promise<string> {
    return runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--strict-peer-deps'], {
      cwd: this.dir,
      env: { ...process.env, npm_config_legacy_peer_deps: 'false' },
    });
  }

  npx(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
    return run('npx', ['--no-install', ...args], { cwd: this.dir, env: { ...process.env, ...env } });
  }

  write(path: string, content: string): void {
    writeFileSync(join(this.dir, path), content);
  }

  /** Starts `dist/<entry>.js` with the given Node binary and only the given environment. */
  start(node: string, entry: string, env: Record<string, string>): AppProcess {
    return new AppProcess(
      spawn(node, [join('dist', `${entry}.js`)], {
        cwd: this.dir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A web or worker process of a consumer app. */
export class AppProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
