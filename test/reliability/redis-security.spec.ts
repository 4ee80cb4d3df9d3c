import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisOptions } from 'ioredis';
import { JobQueue, RedisUnavailableError } from '../../src/active-job';
import { freePort } from '../support/free-port';
import { createJobsApp, uniquePrefix } from '../support/jobs-app';
import { RedisServer } from '../support/redis-server';
import { makeSelfSignedCertificate } from '../support/tls-certificate';
import { RecordedJob } from './fixtures/recorded.job';
import { ChildApp } from '../support/child-app';
import { DURABLE_REDIS, FAST_RECOVERY } from './support/demo-stack';
import { http, signUp } from './support/http';
import { SmtpSink } from '../support/smtp-sink';
import { recordResult } from './support/results';

const PASSWORD = 'correct horse battery staple';
const ENQUEUE_TIMEOUT_MS = 1_000;

// Redis as production should run it: a password, and TLS with a certificate the clients must trust.
// One redis-server listens on a plain port and a TLS port, both behind requirepass.
describe('reliability: Redis with requirepass and TLS', () => {
  let redis: RedisServer;
  let tlsPort: number;
  let dir: string;
  let cert: string;
  let mail: SmtpSink;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'active-job-redis-tls-'));
    ({ cert } = makeSelfSignedCertificate(dir));
    tlsPort = await freePort();
    [redis, mail] = await Promise.all([
      RedisServer.start({
        args: [
          '--requirepass',
          PASSWORD,
          '--tls-port',
          String(tlsPort),
          '--tls-cert-file',
          cert,
          '--tls-key-file',
          join(dir, 'tls.key'),
          '--tls-ca-cert-file',
          cert,
          '--tls-auth-clients',
          'no',
          ...DURABLE_REDIS,
        ],
      }),
      SmtpSink.start(),
    ]);
  });

  afterAll(async () => {
    await ChildApp.killAll();
    await Promise.all([redis?.stop(), mail?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  /** Enqueues one job with `connection` and resolves with the outcome and how long it took. */
  async function tryEnqueue(connection: string | RedisOptions): Promise<{ error?: Error; ms: number }> {
    const app = await createJobsApp({ jobs: [RecordedJob], connection, prefix: uniquePrefix(), enqueueTimeout: ENQUEUE_TIMEOUT_MS });
    const startedAt = Date.now();
    try {
      await app.get(JobQueue).performLater(RecordedJob, 'hello');
      return { ms: Date.now() - startedAt };
    } catch (error) {
      return { error: error as Error, ms: Date.now() - startedAt };
    } finally {
      await app.close();
    }
  }

  it('scenario 15: the demo runs over TLS with a password; a wrong or missing password, or an untrusted certificate, fails within enqueueTimeout naming the cause', async () => {
    const tlsUrl = `rediss://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${tlsPort}`;
    const webPort = await freePort();
    const env = {
      REDIS_URL: tlsUrl,
      // How a deployment trusts a private CA without code: Node reads it at startup.
      NODE_EXTRA_CA_CERTS: cert,
      SMTP_URL: mail.url,
      DATABASE_PATH: join(dir, 'demo.sqlite'),
      ENQUEUE_TIMEOUT: `${ENQUEUE_TIMEOUT_MS}ms`,
      ...FAST_RECOVERY,
    };
    const web = ChildApp.web({ ...env, PORT: String(webPort) });
    const worker = ChildApp.worker(env);
    const misconfigured = ChildApp.worker({ ...env, REDIS_URL: `rediss://:wrong-password@127.0.0.1:${tlsPort}` }, 'misconfigured-worker');
    await Promise.all([web.ready(/Signup form on /), worker.ready(/Worker performing jobs from Redis at/)]);
    const webUrl = `http://127.0.0.1:${webPort}`;

    // The whole path over TLS and AUTH: enqueue, consume, email.
    const signup = await signUp(webUrl, { email: 'tls@example.com', name: 'Over TLS' });
    expect(signup.status).toBe(201);
    await mail.waitForMailTo('tls@example.com');
    const health = await http(webUrl, 'GET', '/health/redis');
    expect(health.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up', target: `rediss://127.0.0.1:${tlsPort}` } } });
    for (const app of [web, worker, misconfigured]) expect(app.log).not.toContain(PASSWORD.split(' ')[0]);
    expect(web.log).toContain(`Jobs: enqueued to Redis at rediss://127.0.0.1:${tlsPort}`);

    // The plain port takes the password too (ioredis options instead of a URL).
    expect((await tryEnqueue({ host: '127.0.0.1', port: redis.port, password: PASSWORD })).error).toBeUndefined();

    const ca = readFileSync(cert);
    const failures = {
      wrongPassword: await tryEnqueue({ host: '127.0.0.1', port: tlsPort, password: 'wrong-password', tls: { ca } }),
      noPassword: await tryEnqueue(`redis://127.0.0.1:${redis.port}`),
      untrustedCertificate: await tryEnqueue(tlsUrl),
    };
    expect(failures.wrongPassword.error).toBeInstanceOf(RedisUnavailableError);
    expect(failures.wrongPassword.error!.message).toMatch(
      new RegExp(
        `^Redis cannot be reached at rediss://127\\.0\\.0\\.1:${tlsPort}: could not enqueue RecordedJob to Bull\\(recorded\\) \\(no connection after ${ENQUEUE_TIMEOUT_MS} ms; last error: WRONGPASS invalid username-password pair or user is disabled\\.\\)$`,
      ),
    );
    expect(failures.noPassword.error!.message).toMatch(/; last error: NOAUTH Authentication required\.\)$/);
    expect(failures.untrustedCertificate.error!.message).toMatch(/; last error: self[- ]signed certificate\)$/);
    for (const { ms } of Object.values(failures)) expect(ms).toBeLessThan(ENQUEUE_TIMEOUT_MS + 1_000);

    // A worker deployed with the wrong password says so in its log, and performs nothing.
    await misconfigured.waitForLog(new RegExp(`Bull\\(mailers\\) on rediss://127\\.0\\.0\\.1:${tlsPort}: WRONGPASS invalid username-password pair`), 15_000);
    expect(misconfigured.log).not.toMatch(/Performing WelcomeEmailJob/);
    recordResult(15, {
      tlsSignupEmailed: true,
      wrongPasswordMs: failures.wrongPassword.ms,
      noPasswordMs: failures.noPassword.ms,
      untrustedCertificateMs: failures.untrustedCertificate.ms,
    });
  }, 90_000);
});
