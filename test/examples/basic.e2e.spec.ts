import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SmtpSink } from '../support/smtp-sink';
import { ChildApp, REPO_ROOT } from '../support/child-app';
import { freePort } from '../support/free-port';
import { RedisServer } from '../support/redis-server';

// examples/basic, the README's side by side as an app: it compiles with the library imported by its package
// name, and its web and worker processes, started as a user starts them, send the welcome email.
describe('examples/basic', () => {
  let redis: RedisServer;
  let smtp: SmtpSink;
  let dir: string;

  beforeAll(async () => {
    [redis, smtp] = await Promise.all([RedisServer.start(), SmtpSink.start()]);
    dir = mkdtempSync(join(tmpdir(), 'active-job-example-'));
  });

  afterAll(async () => {
    await ChildApp.killAll();
    await Promise.all([redis?.stop(), smtp?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles', async () => {
    const tsc = require.resolve('typescript/bin/tsc');
    await expect(promisify(execFile)(process.execPath, [tsc, '-p', 'examples/basic/tsconfig.json'], { cwd: REPO_ROOT })).resolves.toBeDefined();
  }, 120_000);

  it('enqueues in the web process and sends the welcome email from the worker', async () => {
    const port = await freePort();
    // The example's tsconfig maps `nestjs-active-job` to src/active-job, for ts-node (tsconfig-paths) as for tsc.
    const env = { TS_NODE_PROJECT: 'examples/basic/tsconfig.json', REDIS_URL: redis.url, SMTP_URL: smtp.url, USERS_FILE: join(dir, 'users.json') };
    const [web, worker] = await Promise.all([
      ChildApp.start('web', 'examples/basic/src/main.ts', { ...env, PORT: String(port) }).ready(/Listening on http/, 60_000),
      ChildApp.start('worker', 'examples/basic/src/worker.ts', env).ready(/Worker started/, 60_000),
    ]);

    const response = await fetch(`http://127.0.0.1:${port}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', name: 'Ada' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 1, email: 'ada@example.com', name: 'Ada' });

    const mail = await smtp.waitForMailTo('ada@example.com', 30_000);
    expect(mail.message.subject).toBe('Welcome, Ada!');
    await worker.waitForLog(/Performed WelcomeEmailJob .* from Bull\(mailers\)/);
    expect(web.log).toMatch(/Enqueued WelcomeEmailJob .* to Bull\(mailers\) with arguments: 1/);
    expect(web.log).not.toMatch(/Performing WelcomeEmailJob/);

    for (const app of [web, worker]) expect(await app.terminate()).toMatchObject({ signal: 'SIGTERM' });
  }, 180_000);
});
