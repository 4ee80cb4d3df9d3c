import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../../src/demo/app.module';
import { demoConfig } from '../../../src/demo/config';
import { acceptJsonBodiesOnly } from '../../../src/demo/web/json-body';
import { useSecurityHeaders } from '../../../src/demo/web/security-headers';
import { WorkerModule } from '../../../src/demo/worker.module';
import { ChildApp } from '../../support/child-app';
import { freePort } from '../../support/free-port';

export interface ScratchDir {
  dir: string;
  remove: () => void;
}

/** A scratch directory for one test file's SQLite database and outbox. */
export function scratchDir(): ScratchDir {
  const dir = mkdtempSync(join(tmpdir(), 'active-job-demo-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The web process in this Jest process, on loopback: on PORT when given (a worker without CRM_URL
 * or WEBHOOK_URL posts to the fakes there), else on a free port.
 */
export async function startWebApp(env: Record<string, string>): Promise<{ app: NestExpressApplication; url: string }> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(demoConfig(env)), {
    logger: ['error', 'warn'],
    bodyParser: false,
    rawBody: true,
  });
  useSecurityHeaders(app);
  acceptJsonBodiesOnly(app);
  await app.listen(env.PORT ? Number(env.PORT) : 0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/**
 * `npm start` as its own process with nothing configured but a scratch database and outbox on a free port (what
 * a newcomer runs), `env` added; resolved once its startup log is written. Stop `web`, then remove `scratch`.
 */
export async function startUnconfiguredWeb(env: Record<string, string> = {}): Promise<{ web: ChildApp; url: string; scratch: ScratchDir }> {
  const scratch = scratchDir();
  const port = await freePort();
  const web = ChildApp.web({ PORT: String(port), DATABASE_PATH: join(scratch.dir, 'demo.sqlite'), OUTBOX_DIR: join(scratch.dir, 'outbox'), ...env });
  await web.waitForLog(/Database: /, 30_000);
  return { web, url: `http://127.0.0.1:${port}`, scratch };
}

/** The worker in this Jest process (the main e2e test runs it as a separate process instead). */
export async function startWorkerContext(env: Record<string, string>): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule.register(demoConfig(env)), { logger: ['error', 'warn'] });
}
