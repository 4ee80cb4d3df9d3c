import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { testRedisUrl, uniquePrefix } from '../support/jobs-app';
import { node24 } from '../support/node24';
import { PostgresDatabase } from '../support/postgres-database';
import { waitUntil } from '../support/wait-until';
import { type AppProcess, ConsumerApp, packLibrary, runOk } from './support/consumer-app';

// The packed library, installed with a plain `npm install` into throwaway apps as `nest new` makes them:
// (a) Nest 11, CommonJS, Jest; (b) Nest 12, ESM, Vitest, on this Node and on Node 24 LTS.
// Every peer range package.json declares is installed and run here: the optional ones too, app (a) with
// better-sqlite3, apps (b) with pg, both with nodemailer and mailparser.
jest.setTimeout(600_000);

let workDir: string;
let tarball: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'active-job-pack-'));
  tarball = await packLibrary(workDir);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Recorded {
  pid: number;
  event: string;
  userId: number;
  executions: number;
}

function recorded(file: string): Recorded[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/**
 * A web and a worker process of the app on the harness's Redis: the README's story, end to end, then an
 * account and its email committed together through the outbox in the app's SQL database (`database`).
 */
async function webAndWorker(app: ConsumerApp, node: string, database: Record<string, string>): Promise<void> {
  const run = Date.now();
  const results = join(app.dir, `results-${run}.jsonl`);
  const mailDir = join(app.dir, `mail-${run}`);
  mkdirSync(mailDir);
  const port = await freePort();
  const env = {
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniquePrefix(),
    RESULTS_FILE: results,
    FLAKY_USERS: '2',
    PORT: String(port),
    MAIL_DIR: mailDir,
    ...database,
  };
  const worker = app.start(node, 'worker', env);
  const web = app.start(node, 'main', env);
  const processes: AppProcess[] = [worker, web];
  let exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
  try {
    await waitUntil(() => /worker started/.test(worker.output), 60_000, `the worker to start:\n${worker.output}`);
    await waitUntil(() => /web listening/.test(web.output), 60_000, `the web process to start:\n${web.output}`);
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, body: unknown = {}) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => {
        expect(response.status).toBe(201);
        return response.json();
      });

    await post('/users', { id: 1 });
    await post('/users', { id: 2 }); // fails once with SmtpConnectionError, retried by @RetryOn
    const later = (await post('/users/3/later')) as { scheduledAt: string };
    expect(Date.parse(later.scheduledAt)).toBeGreaterThan(Date.now() - 5_000);
    expect(await post('/users/bulk', { ids: [10, 11, 12] })).toEqual({ count: 3 });
    const queue = await (await fetch(`${base}/queues/mailers`)).json();
    expect(queue).toEqual({ name: 'mailers', sameInstance: true, storedJobName: 'WelcomeEmailJob' });

    const expected = [1, 2, 3, 10, 11, 12, 4242];
    await waitUntil(
      () => expected.every((id) => recorded(results).some((entry) => entry.userId === id)),
      60_000,
      `every welcome email (${expected.join(', ')}); worker log:\n${worker.output}`,
    );
    const welcomed = recorded(results);
    expect(welcomed.map((entry) => entry.userId).sort((a, b) => a - b)).toEqual(expected);
    expect(welcomed.every((entry) => entry.pid === worker.pid)).toBe(true); // the web process performs nothing
    expect(welcomed.find((entry) => entry.userId === 2)?.executions).toBe(2);
    expect(worker.output).toMatch(/Retrying WelcomeEmailJob|retry/i);

    // The optional peers: the outbox store's driver, nodemailer's .eml outbox, mailparser's preview pages.
    expect(await post('/accounts', { id: 22, rollback: true })).toEqual({ id: 22, committed: false });
    expect(await post('/accounts', { id: 21 })).toEqual({ id: 21, committed: true });
    const rows = async (id: number) => ((await (await fetch(`${base}/accounts/${id}`)).json()) as { rows: number }).rows;
    expect([await rows(21), await rows(22)]).toEqual([1, 0]);
    const emails = () => readdirSync(mailDir).filter((file) => file.endsWith('.eml'));
    await waitUntil(() => emails().length > 0, 60_000, `the account email in ${mailDir}; worker log:\n${worker.output}`);
    const sent = emails().map((file) => readFileSync(join(mailDir, file), 'utf8'));
    expect(sent).toHaveLength(1); // the rolled-back account's email was never stored, so it cannot follow
    expect(sent[0]).toMatch(/^Subject: Account 21 opened$/m);
    expect(sent[0]).toMatch(/^To: account-21@consumer\.test$/m);
    const previews = await (await fetch(`${base}/mailer-previews/outbox`)).text();
    expect(previews).toContain('Account 21 opened');
  } finally {
    exits = await Promise.all(processes.map((process) => process.stop('SIGTERM')));
  }
  // Nest's shutdown hooks close the app, then end the process with the signal it received.
  for (const exit of exits) expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  const errors = `${worker.output}${web.output}`.split('\n').filter((line) => /\bERROR\b/.test(line) && !line.includes('SmtpConnectionError'));
  expect(errors).toEqual([]);
}

/** A database of its own on the local PostgreSQL for `work`, dropped after. */
async function withPostgres(work: (env: { DATABASE_URL: string }) => Promise<void>): Promise<void> {
  const database = await PostgresDatabase.create();
  try {
    await work({ DATABASE_URL: database.url });
  } finally {
    await database.drop();
  }
}

/** tsc over the whole app, with src/type-error.ts included, must fail on that file's wrong argument and nowhere else. */
async function expectTypeErrorOnlyOnWrongArgument(app: ConsumerApp): Promise<void> {
  const { code, output } = await app.npx(['tsc', '-p', 'tsconfig.json', '--noEmit', '--incremental', 'false']);
  expect(code).not.toBe(0);
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/src\/type-error\.ts.*TS2345.*string.*number/);
}

describe('consumer matrix: the packed library in throwaway apps', () => {
  it('packs only the library: compiled code, typings, README, LICENSE, CHANGELOG', async () => {
    const listing = await runOk('tar', ['-tzf', tarball], { cwd: workDir });
    const files = listing
      .trim()
      .split('\n')
      .map((file) => file.replace(/^package\//, ''));
    const outside = files.filter(
      (file) =>
        !/^(dist\/.+\.(js|d\.ts)|testing\/(package\.json|(jest|vitest)\.(js|d\.ts))|mailer\/package\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/.test(
          file,
        ),
    );
    expect(outside).toEqual([]);
    expect(files.some((file) => /demo|bench|\.png$|\.spec\./.test(file))).toBe(false);
  });

  describe('(a) Nest 11, CommonJS, Jest', () => {
    let app: ConsumerApp;
    beforeAll(async () => {
      app = ConsumerApp.create('nest11-cjs-jest', tarball);
      await app.install();
    });
    afterAll(() => app?.remove());

    it('builds, and a wrong performLater argument fails tsc', async () => {
      await runOk('npm', ['run', 'build'], { cwd: app.dir });
      await expectTypeErrorOnlyOnWrongArgument(app);
    });

    it('resolves nestjs-active-job/testing under node10, node16 and bundler resolution', async () => {
      app.write(
        'resolution.ts',
        "import { ApplicationJob } from 'nestjs-active-job';\nimport { JobTestHelper } from 'nestjs-active-job/testing';\nexport const used = [ApplicationJob, JobTestHelper];\n",
      );
      for (const [module, resolution] of [
        ['commonjs', 'node10'],
        ['node16', 'node16'],
        ['preserve', 'bundler'],
      ]) {
        const { code, output } = await app.npx([
          'tsc',
          '--noEmit',
          '--skipLibCheck',
          '--experimentalDecorators',
          '--module',
          module,
          '--moduleResolution',
          resolution,
          'resolution.ts',
        ]);
        expect({ resolution, code, output }).toEqual({ resolution, code: 0, output: '' });
      }
    });

    it('passes its spec that uses nestjs-active-job/testing under Jest', async () => {
      await runOk('npx', ['--no-install', 'jest'], { cwd: app.dir });
    });

    it('runs web and worker processes against Redis, with a SQLite outbox', async () => {
      await webAndWorker(app, process.execPath, { SQLITE_FILE: join(app.dir, 'accounts.sqlite') });
    });
  });

  describe('(b) Nest 12, ESM, Vitest', () => {
    let app: ConsumerApp;
    beforeAll(async () => {
      app = ConsumerApp.create('nest12-esm-vitest', tarball);
      await app.install();
      await runOk('npm', ['run', 'build'], { cwd: app.dir });
    });
    afterAll(() => app?.remove());

    it('builds, and a wrong performLater argument fails tsc', async () => {
      await expectTypeErrorOnlyOnWrongArgument(app);
    });

    it('type-checks the main entry without skipLibCheck, with no SQLite installed', async () => {
      app.write(
        'strict-entry.ts',
        "import { ActiveJobModule, SqliteOutboxStore } from 'nestjs-active-job';\nexport const used = [ActiveJobModule, SqliteOutboxStore];\n",
      );
      const { code, output } = await app.npx([
        'tsc',
        '--ignoreConfig', // TypeScript 6 refuses a file list beside a tsconfig.json otherwise
        '--noEmit',
        '--skipLibCheck',
        'false',
        '--strict',
        '--experimentalDecorators',
        '--module',
        'nodenext',
        '--types',
        'node',
        'strict-entry.ts',
      ]);
      expect({ code, output }).toEqual({ code: 0, output: '' });
    });

    it('passes its spec that uses nestjs-active-job/testing under Vitest', async () => {
      await runOk('npx', ['--no-install', 'vitest', 'run'], { cwd: app.dir });
    });

    it('runs web and worker processes against Redis, with a PostgreSQL outbox', async () => {
      await withPostgres((database) => webAndWorker(app, process.execPath, database));
    });

    describe('on Node 24 LTS', () => {
      let node: string;
      beforeAll(async () => {
        node = node24();
        expect(await runOk(node, ['--version'], { cwd: app.dir })).toMatch(/^v24\./);
      });

      it('passes its Vitest spec', async () => {
        await runOk(node, [join('node_modules', 'vitest', 'vitest.mjs'), 'run'], { cwd: app.dir });
      });

      it('runs web and worker processes against Redis, with a PostgreSQL outbox', async () => {
        await withPostgres((database) => webAndWorker(app, node, database));
      });
    });
  });
});
