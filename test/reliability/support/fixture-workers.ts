import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChildApp } from '../../support/child-app';

const ENTRY = 'test/reliability/fixtures/fixture-worker.ts';

/** Starts `test/reliability/fixtures/fixture-worker.ts` and resolves once it consumes its queues. */
export async function startFixtureWorker(name: string, env: Record<string, string>): Promise<ChildApp> {
  return ChildApp.start(name, ENTRY, env).ready(/Fixture worker \d+ ready/);
}

/**
 * What a process manager does (systemd's Restart=always, a Kubernetes Deployment): whenever a
 * worker dies, a new one starts. `stop()` ends the restarting and kills what is running.
 */
export class Supervisor {
  readonly started: ChildApp[] = [];
  private stopping = false;

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    const worker = await startFixtureWorker(`${this.name}#${this.started.length + 1}`, this.env);
    this.started.push(worker);
    void worker.waitForExit().then(() => {
      if (!this.stopping) void this.start().catch(() => undefined);
    });
  }

  /** Workers that have died so far. */
  get deaths(): number {
    return this.started.filter((worker) => !worker.running).length;
  }

  get current(): ChildApp | undefined {
    return this.started.find((worker) => worker.running);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.started.map((worker) => worker.kill()));
  }
}

/** Every line the fixture jobs recorded, across all worker processes, with the pid that wrote it. */
export function recordedRuns(dir: string): { pid: number; line: string }[] {
  return readdirSync(dir)
    .filter((file) => /^runs-\d+\.log$/.test(file))
    .flatMap((file) => {
      const pid = Number(file.match(/\d+/)![0]);
      return readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => ({ pid, line }));
    });
}
