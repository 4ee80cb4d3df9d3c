import Redis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import type { TargetName } from './targets';

/** One round of one side: its figure (jobs/s, ms, MiB, req/s) and, for throughput, the CPU it took per job. */
export interface Sample {
  value: number;
  /** µs of this Node process's CPU per job. */
  processUs?: number;
  /** µs of redis-server's CPU per job (INFO cpu, user + sys). */
  redisUs?: number;
}

/** A measurement: every side's rounds, as measured; summaries and ratios are the report's. */
export interface Row {
  name: string;
  unit: string;
  /** Throughput-like (higher is better) or cost-like (latency, memory: lower is better). */
  better: 'higher' | 'lower';
  samples: Partial<Record<TargetName, Sample[]>>;
}

/**
 * The library part's measurements, in the order they run. Latency goes first: paced at 500 jobs/s it
 * takes the same 44 s on both Node versions, so each version's latency runs beside the other's, the
 * lightest step there is. Run later, it fell beside the other version's memory step (100,000 jobs at
 * concurrency 50), and a p99 read whichever round that step's busiest moment hit (2–28 ms).
 */
export const LIBRARY_STEPS = [
  'latency.',
  'enqueue.sequential',
  'enqueue.concurrent',
  'bulk.20k',
  'process.c1',
  'process.c10',
  'process.c50',
  'memory.',
] as const;
export type LibraryStep = (typeof LIBRARY_STEPS)[number];

/**
 * The steps `names` ask for: `process.c1` is that row alone; `process.` every row so named;
 * `latency.p99` the latency step, which measures both percentiles.
 */
export function stepsNamed(names: readonly string[]): LibraryStep[] {
  const named = (name: string, step: LibraryStep) =>
    name === step || (name.endsWith('.') && step.startsWith(name)) || (step.endsWith('.') && name.startsWith(step));
  for (const name of names) {
    if (!LIBRARY_STEPS.some((step) => named(name, step)))
      throw new Error(`No measurement is named "${name}": use one of ${LIBRARY_STEPS.join(', ')} or a prefix ending in '.'`);
  }
  return LIBRARY_STEPS.filter((step) => names.some((name) => named(name, step)));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs every side once per round, the order rotating each round, so drift on a noisy machine hits
 * every side alike and no side always goes first.
 */
export async function rounds<T>(count: number, sides: readonly TargetName[], run: (side: TargetName) => Promise<T>): Promise<Partial<Record<TargetName, T[]>>> {
  const results: Partial<Record<TargetName, T[]>> = {};
  for (let round = 0; round < count; round++) {
    const order = [...sides.slice(round % sides.length), ...sides.slice(0, round % sides.length)];
    if (round % 2 === 1) order.reverse();
    for (const side of order) (results[side] ??= []).push(await run(side));
  }
  return results;
}

/** CPU used so far by this process and by redis-server, read together. */
export interface CpuSnapshot {
  process: NodeJS.CpuUsage;
  redisSeconds: number;
}

/** Reads redis-server's own CPU counters over a connection of its own (one INFO per snapshot). */
export class RedisCpu {
  private readonly client: Redis;

  constructor(redisUrl: string) {
    this.client = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
  }

  async seconds(): Promise<number> {
    const info = await this.client.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
    return field('used_cpu_user') + field('used_cpu_sys');
  }

  /** redis-server's process id, from its own INFO. */
  async pid(): Promise<number> {
    const info = await this.client.info('server');
    return Number(/^process_id:(\d+)/m.exec(info)?.[1]);
  }

  /** Bytes of the fields of the newest waiting job's hash (`<prefix>:<queue>:<id>`): what one job stores. */
  async jobBytes(prefix: string, queue: string): Promise<number> {
    const [id] = await this.client.lrange(`${prefix}:${queue}:wait`, 0, 0);
    const fields = await this.client.hgetall(`${prefix}:${queue}:${id}`);
    return Object.entries(fields).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
  }

  async snapshot(process0 = process.cpuUsage()): Promise<CpuSnapshot> {
    return { process: process0, redisSeconds: await this.seconds() };
  }

  close(): Promise<unknown> {
    return this.client.quit();
  }
}

/**
 * Runs `body` with every thread of `pids` on one CPU, then gives them back the CPUs they had. One add
 * at a time wakes Node and then Redis for every job; left to the scheduler, each turn fell on one of
 * two costs (Node and Redis on one core or on two), about 90 or 130 µs per job, in proportions that
 * differed by chance between sides; and the other Node version's steps took a CPU in some rounds
 * and not others (docs/performance.md, *How a run goes*). `slot` picks the CPU
 * among those this process may use (each Node version its own); where taskset is missing or
 * refuses, `body` runs unpinned and the log says so.
 */
export async function onOneCpu<T>(slot: number, pids: number[], body: () => Promise<T>): Promise<T> {
  const taskset = (args: string[]) => execFileSync('taskset', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const lastWord = (output: string) => output.trim().split(' ').pop()!;
  let masks: string[] = [];
  try {
    const allowed = lastWord(taskset(['-c', '-p', String(process.pid)])); // "0,1" or "2-3"
    masks = pids.map((pid) => lastWord(taskset(['-p', String(pid)])));
    const cpus = allowed.split(',').flatMap((range) => {
      const [from, to = from] = range.split('-').map(Number);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    });
    for (const pid of pids) taskset(['-a', '-p', '-c', String(cpus[slot % cpus.length]), String(pid)]);
  } catch (error) {
    pids.forEach((pid, i) => masks[i] && taskset(['-a', '-p', masks[i], String(pid)]));
    log(`  taskset (util-linux) failed, so Node and Redis run where the scheduler puts them: ${(error as Error).message}`);
    return body();
  }
  try {
    return await body();
  } finally {
    pids.forEach((pid, i) => taskset(['-a', '-p', masks[i], String(pid)]));
  }
}

/** µs per job of each process between two snapshots. */
export function cpuPerJob(before: CpuSnapshot, after: CpuSnapshot, jobs: number): Pick<Sample, 'processUs' | 'redisUs'> {
  const processUs = after.process.user - before.process.user + after.process.system - before.process.system;
  return { processUs: processUs / jobs, redisUs: ((after.redisSeconds - before.redisSeconds) * 1e6) / jobs };
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

// The Node versions run side by side, their lines interleaved: each child's lines say which it is.
const LOG_PREFIX = process.send ? `[Node ${process.versions.node.split('.')[0]}] ` : '';

export function log(line: string): void {
  process.stderr.write(`${LOG_PREFIX}${line}\n`);
}

/** How long each part of a run took, in order: the run must stay within its time budget. */
export const timings: { name: string; seconds: number }[] = [];

/** Runs one part of the bench, logs and records how long it took, with the machine's load then. */
export async function timed<T>(name: string, body: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    return await body();
  } finally {
    const seconds = Math.round((performance.now() - startedAt) / 100) / 10;
    timings.push({ name, seconds });
    log(`  (${name}: ${seconds} s, loadavg ${loadavg()[0].toFixed(2)})`);
  }
}
