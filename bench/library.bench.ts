import { ConsoleLogger, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull, { type JobOptions, type Queue } from 'bull';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ActiveJobModule, Processor } from '../src/active-job';
import { BenchJob, benchProbe, nowMs } from './bench.job';
import { alternate, compare, type Measurement, measurement, percentile } from './harness';

const QUEUE = 'bench';
/** The retention and attempts ours gives every job by default, so raw Bull does the same Redis work; Bull parses the data for raw as it would for any user. */
const RAW_OPTIONS: JobOptions = {
  attempts: 1,
  removeOnComplete: { count: 1000, age: 86400 },
  removeOnFail: { count: 5000, age: 604800 },
  stackTraceLimit: 10,
};

let prefixCounter = 0;
const nextPrefix = () => `bench${++prefixCounter}`;

/** `default`: Nest's console logger as it comes, which prints the per-job lines; `errors-only`: `logger: ['error', 'warn']`. */
export type Logging = 'default' | 'errors-only';

export async function ourApp(redisUrl: string, prefix: string, concurrency?: number, logging: Logging = 'default'): Promise<INestApplicationContext> {
  @Processor(QUEUE, { concurrency: concurrency ?? 1 })
  class BenchProcessor {}
  @Module({
    imports: [
      ActiveJobModule.forRoot({ connection: redisUrl, prefix, worker: { enabled: concurrency !== undefined } }),
      ActiveJobModule.forFeature([BenchJob]),
    ],
    providers: [BenchProcessor],
  })
  class BenchModule {}
  // Nest's default console logger: default logging is part of what is measured.
  return NestFactory.createApplicationContext(BenchModule, { logger: logging === 'default' ? new ConsoleLogger() : ['error', 'warn'] });
}

export function rawQueue(redisUrl: string, prefix: string): Queue {
  return new Bull(QUEUE, redisUrl, { prefix });
}

function payload(index: number): object {
  return {
    v: 1, jobClass: 'BenchJob', jobId: randomUUID(), queueName: QUEUE, priority: null, arguments: [index],
    executions: 0, exceptionExecutions: {}, enqueuedAt: new Date().toISOString(), scheduledAt: null,
  };
}

export async function addInChunks(queue: Queue, count: number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const size = Math.min(1000, count - start);
    await queue.addBulk(Array.from({ length: size }, (_, i) => ({ name: 'BenchJob', data: payload(start + i), opts: RAW_OPTIONS })));
  }
}

function untilPerformed(count: number): Promise<void> {
  return new Promise((resolve) => {
    benchProbe.onPerformed = () => {
      if (benchProbe.performed >= count) {
        benchProbe.onPerformed = undefined;
        resolve();
      }
    };
  });
}

async function timed(body: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await body();
  return (performance.now() - startedAt) / 1000;
}

async function withOurs<T>(
  redisUrl: string,
  concurrency: number | undefined,
  body: (app: INestApplicationContext, prefix: string) => Promise<T>,
  logging: Logging = 'default',
): Promise<T> {
  const prefix = nextPrefix();
  const app = await ourApp(redisUrl, prefix, concurrency, logging);
  try {
    return await body(app, prefix);
  } finally {
    await app.close();
  }
}

async function withRaw<T>(redisUrl: string, body: (queue: Queue) => Promise<T>): Promise<T> {
  const queue = rawQueue(redisUrl, nextPrefix());
  try {
    return await body(queue);
  } finally {
    await queue.close();
  }
}

/** Jobs each side enqueues before its timed run: connecting to Redis and JIT-compiling the path are not what is measured. */
export const WARM_UP_JOBS = 500;
const LATENCY_WARM_UP_JOBS = 250;
/** Rounds of the measurements that take a few seconds each: medians of 5 hold better than of 3 on a noisy machine. */
const SHORT_ROUNDS = 5;
/** Diagnostics explain the targets' figures; three rounds keep the whole run under five minutes. */
const DIAGNOSTIC_ROUNDS = 3;

async function warmedUp(enqueue: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARM_UP_JOBS; i++) await enqueue(i);
}

async function enqueueSequential(redisUrl: string, count: number): Promise<Measurement> {
  const sequentially = async (enqueue: (i: number) => Promise<unknown>) => {
    await warmedUp(enqueue);
    return count / (await timed(async () => {
      for (let i = 0; i < count; i++) await enqueue(i);
    }));
  };
  return compare('enqueue.sequential', 'jobs/s', SHORT_ROUNDS,
    () => withOurs(redisUrl, undefined, () => sequentially((i) => BenchJob.performLater(i))),
    () => withRaw(redisUrl, (queue) => sequentially((i) => queue.add('BenchJob', { index: i }, RAW_OPTIONS))),
  );
}

async function inFlight(count: number, width: number, enqueue: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await enqueue(next++);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

function concurrently(count: number): (enqueue: (i: number) => Promise<unknown>) => Promise<number> {
  return async (enqueue) => {
    await warmedUp(enqueue);
    return count / (await timed(() => inFlight(count, 1000, enqueue)));
  };
}

async function enqueueConcurrent(redisUrl: string, count: number, logging: Logging = 'default'): Promise<Measurement> {
  const name = logging === 'default' ? 'enqueue.concurrent' : 'diagnostic.enqueue.concurrent.errors_only';
  return compare(name, 'jobs/s', logging === 'default' ? SHORT_ROUNDS : DIAGNOSTIC_ROUNDS,
    () => withOurs(redisUrl, undefined, () => concurrently(count)((i) => BenchJob.performLater(i)), logging),
    () => withRaw(redisUrl, (queue) => concurrently(count)((i) => queue.add('BenchJob', { index: i }, RAW_OPTIONS))),
  );
}

/** What the payload alone costs raw Bull: the same `queue.add`, with our stored payload ("ours") and with `{ index }`. */
async function payloadCost(redisUrl: string, count: number): Promise<Measurement> {
  const withPayload = { ...RAW_OPTIONS, preventParsingData: true };
  return compare('diagnostic.raw_bull_with_our_payload', 'jobs/s', DIAGNOSTIC_ROUNDS,
    () => withRaw(redisUrl, (queue) => concurrently(count)((i) => queue.add('BenchJob', payload(i), withPayload))),
    () => withRaw(redisUrl, (queue) => concurrently(count)((i) => queue.add('BenchJob', { index: i }, RAW_OPTIONS))),
  );
}

async function bulk(redisUrl: string, count: number): Promise<Measurement> {
  const argumentLists = Array.from({ length: count }, (_, i) => [i] as [number]);
  return compare('bulk.20k', 'jobs/s', SHORT_ROUNDS,
    () => withOurs(redisUrl, undefined, async () => {
      await warmedUp((i) => BenchJob.performAllLater([[i]]));
      return count / (await timed(() => BenchJob.performAllLater(argumentLists)));
    }),
    () => withRaw(redisUrl, async (queue) => {
      await warmedUp((i) => queue.addBulk([{ name: 'BenchJob', data: { index: i }, opts: RAW_OPTIONS }]));
      return count / (await timed(async () => {
        for (let start = 0; start < count; start += 1000) {
          await queue.addBulk(argumentLists.slice(start, start + 1000).map(([i]) => ({ name: 'BenchJob', data: { index: i }, opts: RAW_OPTIONS })));
        }
      }));
    }),
  );
}

/** Workers already running; the same bulk add feeds both; timed until the last job ran. */
async function processing(redisUrl: string, count: number, concurrency: number, logging: Logging = 'default'): Promise<Measurement> {
  const name = logging === 'default' ? `process.c${concurrency}` : `diagnostic.process.c${concurrency}.errors_only`;
  return compare(name, 'jobs/s', 3,
    () => withOurs(redisUrl, concurrency, async (_app, prefix) => {
      benchProbe.performed = 0;
      const producer = rawQueue(redisUrl, prefix);
      try {
        const done = untilPerformed(count);
        return count / (await timed(async () => {
          await addInChunks(producer, count);
          await done;
        }));
      } finally {
        await producer.close();
      }
    }, logging),
    () => withRaw(redisUrl, async (queue) => {
      let performed = 0;
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      void queue.process('*', concurrency, async () => {
        if (++performed === count) finish();
      });
      return count / (await timed(async () => {
        await addInChunks(queue, count);
        await done;
      }));
    }),
  );
}

/**
 * Enqueue-to-start at a steady rate, on a worker in the same process. Each side first runs
 * LATENCY_WARM_UP_JOBS at the same rate, unmeasured: with 1000 samples, p99 is the 10th slowest,
 * and the first jobs through code not yet compiled would set it.
 */
async function latency(redisUrl: string, count: number, perSecond: number): Promise<Measurement[]> {
  const intervalMs = 1000 / perSecond;
  const paced = async (jobs: number, enqueue: (i: number) => Promise<unknown>) => {
    const startedAt = nowMs();
    for (let i = 0; i < jobs; i++) {
      const due = startedAt + i * intervalMs;
      const wait = due - nowMs();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      void enqueue(i);
    }
  };
  const runs = await alternate(SHORT_ROUNDS,
    () => withOurs(redisUrl, 10, async () => {
      const measured = async (jobs: number) => {
        benchProbe.latencies = [];
        benchProbe.performed = 0;
        const done = untilPerformed(jobs);
        await paced(jobs, (i) => BenchJob.performLater(i, nowMs()));
        await done;
        return benchProbe.latencies;
      };
      await measured(LATENCY_WARM_UP_JOBS);
      return measured(count);
    }),
    () => withRaw(redisUrl, async (queue) => {
      let latencies: number[] = [];
      let expected = 0;
      let finish: () => void = () => undefined;
      void queue.process('*', 10, async (job) => {
        latencies.push(nowMs() - job.data.at);
        if (latencies.length === expected) finish();
      });
      const measured = async (jobs: number) => {
        latencies = [];
        expected = jobs;
        const done = new Promise<void>((resolve) => (finish = resolve));
        await paced(jobs, (i) => queue.add('BenchJob', { index: i, at: nowMs() }, RAW_OPTIONS));
        await done;
        return latencies;
      };
      await measured(LATENCY_WARM_UP_JOBS);
      return measured(count);
    }),
  );
  return [50, 99].map((p) =>
    measurement(`latency.p${p}`, 'ms', runs.ours.map((values) => percentile(values, p)), runs.raw.map((values) => percentile(values, p))),
  );
}

/** One side's worker in a process of its own, so its RSS is its own: growth after each third of the jobs. */
function memoryRun(side: 'ours' | 'raw', redisUrl: string, jobs: number, warmUp: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'memory-worker.ts'), [side, redisUrl, nextPrefix(), String(jobs), String(warmUp)], {
      execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // its log lines go nowhere, as the parent's do during measurements
    });
    child.once('message', (message: { growthMiB: number[] }) => resolve(message.growthMiB));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`memory worker (${side}) exited with ${code}`))));
  });
}

/**
 * Worker RSS growth over `jobs` jobs after a warm-up: both sides side by side, each in its own
 * process, in three rounds of a third of the jobs; the figure is the growth after the last round.
 */
async function memory(redisUrl: string, jobs: number, warmUp: number): Promise<Measurement> {
  const [ours, raw] = await Promise.all([memoryRun('ours', redisUrl, jobs, warmUp), memoryRun('raw', redisUrl, jobs, warmUp)]);
  const last = (values: number[]) => values[values.length - 1];
  // Growth near zero makes a ratio meaningless: raw is counted as at least 1 MiB.
  return measurement('memory.growth_mib', 'MiB', [last(ours)], [last(raw)], 1, { oursRounds: ours, rawRounds: raw });
}

/** Every measurement, or those whose names start with one of `only` (e.g. `process.`, `enqueue.concurrent`). */
export async function runLibraryBenchmarks(redisUrl: string, only: string[] = []): Promise<Measurement[]> {
  const wanted = (name: string) => only.length === 0 || only.some((prefix) => name.startsWith(prefix));
  const steps: [string, () => Promise<Measurement | Measurement[]>][] = [
    ['enqueue.sequential', () => enqueueSequential(redisUrl, 5_000)],
    ['enqueue.concurrent', () => enqueueConcurrent(redisUrl, 20_000)],
    ['bulk.20k', () => bulk(redisUrl, 20_000)],
    ['process.c1', () => processing(redisUrl, 20_000, 1)],
    ['process.c10', () => processing(redisUrl, 20_000, 10)],
    ['process.c50', () => processing(redisUrl, 20_000, 50)],
    ['latency.', () => latency(redisUrl, 1_000, 500)],
    ['memory.growth_mib', () => memory(redisUrl, 100_000, 5_000)],
    // Not targets: where the difference comes from (the log lines, the stored payload).
    ['diagnostic.enqueue.concurrent.errors_only', () => enqueueConcurrent(redisUrl, 20_000, 'errors-only')],
    ['diagnostic.process.c10.errors_only', () => processing(redisUrl, 20_000, 10, 'errors-only')],
    ['diagnostic.raw_bull_with_our_payload', () => payloadCost(redisUrl, 20_000)],
  ];
  const measurements: Measurement[] = [];
  for (const [name, run] of steps) if (wanted(name)) measurements.push(...[await run()].flat());
  return measurements;
}
