import { fork } from 'node:child_process';
import { join } from 'node:path';
import { benchProbe, nowMs } from './bench.job';
import { cpuPerJob, LIBRARY_STEPS, onOneCpu, type LibraryStep, log, median, percentile, RedisCpu, type Row, rounds, type Sample, timed } from './harness';
import { QUEUE, type Side, startSide, type TargetName, TARGETS } from './targets';

let prefixCounter = 0;
const nextPrefix = () => `bench${process.pid}x${++prefixCounter}`;

/** Rounds per measurement: each side runs once per round, the order rotating. */
export const ROUNDS = 3;
/**
 * Jobs each side enqueues untimed before its first timed turn: connecting and JIT warm-up are not
 * what is measured. Node 24's V8 tiers the enqueue path up to TurboFan between about 10,000 and
 * 16,000 jobs (`--trace-opt`), for every side; with 5,000 that compiling fell in the timed turns,
 * 20% of raw Bull's instructions per job and more of ours' (docs/performance.md).
 */
const ENQUEUE_WARM_UP_JOBS = 20_000;
const LATENCY_WARM_UP_JOBS = 250;
/**
 * Jobs each worker performs before its processing rate is measured, the last of them running a
 * full GC. Measured from the first job, Node 24's large young generation made a round pay 2 to 5
 * scavenges of 10–15 ms, mostly copying the just-started worker's objects: 5–13 µs per job, by
 * chance of where they fell (one side's rounds read 34 and 46 µs per job).
 */
const PROCESS_WARM_UP_JOBS = 500;
/**
 * Jobs before memory.growth_mib starts counting: until RSS stops climbing as V8 sizes its heap.
 * Node 24 sizes its young generation from the machine's memory and climbs for up to 140k jobs;
 * Node 20 settles within 20k (0 MiB of growth after that in every run; docs/performance.md).
 */
const MEMORY_WARM_UP_JOBS = Number(process.versions.node.split('.')[0]) >= 24 ? 150_000 : 20_000;
/** Log lines are written in batches up to 10 ms late: CPU is read after that, so their writing counts. */
const SETTLE_MS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withSide<T>(
  target: TargetName,
  redisUrl: string,
  prefix: string,
  concurrency: number | undefined,
  body: (side: Side) => Promise<T>,
): Promise<T> {
  const side = await startSide(target, { redisUrl, prefix, concurrency });
  try {
    return await body(side);
  } finally {
    await side.close();
  }
}

/** Times `body` and reads both processes' CPU around it; jobs/s and µs per job. `collectFirst`: after a full GC. */
async function measured(cpu: RedisCpu, jobs: number, body: () => Promise<unknown>, collectFirst = false): Promise<Sample> {
  if (collectFirst) global.gc!();
  const before = await cpu.snapshot();
  const startedAt = performance.now();
  await body();
  const seconds = (performance.now() - startedAt) / 1000;
  await sleep(SETTLE_MS);
  return { value: jobs / seconds, ...cpuPerJob(before, await cpu.snapshot(), jobs) };
}

async function inFlight(count: number, width: number, enqueue: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await enqueue(next++);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

async function addInChunks(side: Side, count: number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    await side.addBulk(Array.from({ length: Math.min(1000, count - start) }, (_, i) => start + i));
  }
}

type Context = { redisUrl: string; cpu: RedisCpu; targets: readonly TargetName[]; cpuSlot: number };

/**
 * What one waiting job of the side takes in Redis: the bytes of its hash's fields (data, opts,
 * name, ...), read from Redis itself, so the row shows whatever payload each library writes.
 */
async function storedBytes(cpu: RedisCpu, prefix: string): Promise<number> {
  return cpu.jobBytes(prefix, QUEUE);
}

function throughputRow(name: string, samples: Row['samples']): Row {
  const row: Row = { name, unit: 'jobs/s', better: 'higher', samples };
  log(summary(row));
  return row;
}

function summary(row: Row): string {
  const parts = Object.entries(row.samples).map(([target, samples]) => `${target} ${Math.round(median(samples.map((s) => s.value)) * 100) / 100}`);
  return `  ${row.name} (${row.unit}): ${parts.join(', ')}`;
}

/**
 * The enqueue rows keep every side running and take turns: `turns` turns each, `perTurn` jobs a
 * turn, the order rotating. Sides measured a second apart share the machine's load (a round of
 * fresh processes moved a side's CPU per job 2× on a busy machine), no turn pays for a startup, and
 * each side has enqueued ENQUEUE_WARM_UP_JOBS first, so the JIT has settled for all of them.
 */
async function inTurns(
  { redisUrl, cpu, targets }: Context,
  name: string,
  turns: number,
  perTurn: number,
  enqueue: (side: Side, count: number) => Promise<unknown>,
  collectFirst = false,
): Promise<{ row: Row; prefixes: Map<TargetName, string> }> {
  const prefixes = new Map(targets.map((target) => [target, nextPrefix()]));
  const sides = new Map<TargetName, Side>();
  try {
    for (const target of targets) sides.set(target, await startSide(target, { redisUrl, prefix: prefixes.get(target)! }));
    for (const side of sides.values()) await enqueue(side, ENQUEUE_WARM_UP_JOBS);
    const samples = await rounds(turns, targets, (target) => measured(cpu, perTurn, () => enqueue(sides.get(target)!, perTurn), collectFirst));
    return { row: throughputRow(name, samples), prefixes };
  } finally {
    for (const side of sides.values()) await side.close();
  }
}

async function enqueueSequential(context: Context): Promise<Row[]> {
  const { row, prefixes } = await inTurns(context, 'enqueue.sequential', 30, 1_000, async (side, count) => {
    for (let i = 0; i < count; i++) await side.add(i);
  });
  const bytes: Row['samples'] = {};
  for (const [target, prefix] of prefixes) bytes[target] = [{ value: await storedBytes(context.cpu, prefix) }];
  const stored: Row = { name: 'stored.bytes_per_job', unit: 'bytes', better: 'lower', samples: bytes };
  log(summary(stored));
  return [row, stored];
}

async function enqueueConcurrent(context: Context): Promise<Row> {
  return (await inTurns(context, 'enqueue.concurrent', 10, 5_000, (side, count) => inFlight(count, 1000, (i) => side.add(i)))).row;
}

/**
 * Each bulk turn starts after a full GC. Its 20,000 jobs take 16–19 scavenges, counted whole; but a
 * major GC, which marks the whole process (every side's application), fell in about one turn in
 * three, on whichever side's turn crossed V8's limit: 20–28 µs per job in those turns against 17–21
 * in the others, and ours' median read 0.79–0.96 of raw Bull's over four runs of the same code.
 * Started clean, no turn took a major GC (Node 20, a gc PerformanceObserver on every turn). Left
 * out alike for every side: the major GC its promoted objects would cost later.
 */
async function bulk(context: Context, count: number): Promise<Row> {
  return (await inTurns(context, `bulk.${count / 1000}k`, 7, count, (side, jobs) => addInChunks(side, jobs), true)).row;
}

/**
 * `count` jobs wait in the queue, enqueued by the side's own producer; then the side's worker
 * starts, and the rate runs from its first job to its last, so startup is left out.
 */
async function processing({ redisUrl, cpu, targets }: Context, count: number, concurrency: number): Promise<Row> {
  return throughputRow(
    `process.c${concurrency}`,
    await rounds(ROUNDS, targets, async (target) => {
      const prefix = nextPrefix();
      await withSide(target, redisUrl, prefix, undefined, (producer) => addInChunks(producer, count));
      const done = benchProbe.reset(count, PROCESS_WARM_UP_JOBS);
      return withSide(target, redisUrl, prefix, concurrency, async () => {
        await benchProbe.measuring;
        // Read a few jobs into the window, as the worker goes on: at c50 about 1% of its Redis CPU is missed, alike for every side.
        const redisBefore = await cpu.seconds();
        await done;
        const endedAt = performance.now();
        const { at, cpu: processBefore } = benchProbe.first;
        await sleep(SETTLE_MS);
        const jobs = count - PROCESS_WARM_UP_JOBS; // from the end of job PROCESS_WARM_UP_JOBS to the end of the last
        return { value: jobs / ((endedAt - at) / 1000), ...cpuPerJob({ process: processBefore, redisSeconds: redisBefore }, await cpu.snapshot(), jobs) };
      });
    }),
  );
}

/**
 * Enqueue-to-start at a steady rate, on a worker (concurrency 10) in the same process. Each side
 * first runs LATENCY_WARM_UP_JOBS at the same rate, unmeasured: with 1000 samples p99 is the 10th
 * slowest, and the first jobs through code not yet compiled would set it. A first round of every
 * side is run and left out: it falls beside both Node versions' startup.
 */
async function latency({ redisUrl, targets }: Context, count: number, perSecond: number): Promise<Row[]> {
  const intervalMs = 1000 / perSecond;
  const paced = async (side: Side, jobs: number) => {
    const done = benchProbe.reset(jobs);
    const startedAt = nowMs();
    for (let i = 0; i < jobs; i++) {
      const wait = startedAt + i * intervalMs - nowMs();
      if (wait > 1) await sleep(wait);
      void side.add(i, nowMs());
    }
    await done;
    return benchProbe.latencies;
  };
  const all = await rounds(ROUNDS + 1, targets, (target) =>
    withSide(target, redisUrl, nextPrefix(), 10, async (side) => {
      await paced(side, LATENCY_WARM_UP_JOBS);
      return paced(side, count);
    }),
  );
  // The first round is left out: over three full runs it held a side's highest p99 in 29 of 30 readings, on both Node versions.
  const runs = Object.fromEntries(Object.entries(all).map(([target, values]) => [target, values.slice(1)]));
  return [50, 99].map((p) => {
    const samples = Object.fromEntries(
      Object.entries(runs).map(([target, values]) => [target, values.map((latencies) => ({ value: percentile(latencies, p) }))]),
    );
    const row: Row = { name: `latency.p${p}`, unit: 'ms', better: 'lower', samples };
    log(summary(row));
    return row;
  });
}

type MemoryGrowth = { growthMiB: number[]; heapGrowthMiB: number[]; warmUpGrowthMiB: number[] };

/** One side's worker in a process of its own, so its RSS is its own: growth after each third of the jobs. */
function memoryRun(target: TargetName, redisUrl: string, jobs: number, warmUp: number): Promise<MemoryGrowth> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'memory-worker.ts'), [target, redisUrl, nextPrefix(), String(jobs), String(warmUp)], {
      execArgv: ['--expose-gc', '-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // its log lines go nowhere, as the parent's do
    });
    child.once('message', (message: MemoryGrowth) => resolve(message));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`memory worker (${target}) exited with ${code}`))));
  });
}

/**
 * RSS growth of a process that enqueues and performs `jobs` jobs after a warm-up, ours (default
 * logging) and raw Bull side by side, each in its own process; one sample per third of the jobs,
 * the figure is the growth after the last. The warm-up is long enough for V8 to size its young
 * generation (MEMORY_WARM_UP_JOBS); its own growth is reported beside, as `memory.warmup_growth_mib`.
 */
async function memory({ redisUrl }: Context, jobs: number, warmUp: number): Promise<Row[]> {
  const sides = ['ours-default', 'bull'] as const;
  const growth = await Promise.all(sides.map((target) => memoryRun(target, redisUrl, jobs, warmUp)));
  // RSS is what the target reads; the V8 heap in use tells a leak from memory the allocator keeps.
  const names = { growthMiB: 'memory.growth_mib', heapGrowthMiB: 'memory.heap_growth_mib', warmUpGrowthMiB: 'memory.warmup_growth_mib' } as const;
  return (Object.keys(names) as (keyof MemoryGrowth)[]).map((key) => {
    const row: Row = {
      name: names[key],
      unit: 'MiB',
      better: 'lower',
      samples: Object.fromEntries(sides.map((target, i) => [target, growth[i][key].map((value) => ({ value }))])),
    };
    log(summary(row));
    return row;
  });
}

/**
 * The throughput rows run with this process and its redis-server on one CPU of their own. Left to
 * the scheduler, the other Node version's steps took one of the two CPUs for some rounds and not
 * others: a side's throughput then read which rounds it fell in (process.c50 on Node 24 at 0.52×
 * raw Bull with the same CPU per job, docs/performance.md). Latency is measured as a user's
 * process runs, and memory in processes of its own.
 */
const PINNED_STEPS = new Set<LibraryStep>(['enqueue.sequential', 'enqueue.concurrent', 'bulk.20k', 'process.c1', 'process.c10', 'process.c50']);

/** The measurements `steps` name, in LIBRARY_STEPS' order. */
export async function runLibraryBenchmarks(
  redisUrl: string,
  steps: readonly LibraryStep[],
  cpuSlot: number,
  targets: readonly TargetName[] = TARGETS,
): Promise<Row[]> {
  const cpu = new RedisCpu(redisUrl);
  const context: Context = { redisUrl, cpu, targets, cpuSlot };
  const runs: Record<LibraryStep, () => Promise<Row | Row[]>> = {
    'enqueue.sequential': () => enqueueSequential(context),
    'enqueue.concurrent': () => enqueueConcurrent(context),
    'bulk.20k': () => bulk(context, 20_000),
    // c1's rounds were the shortest (4,500 jobs, 0.5 s) and spread the most, 20–30% in one run: it takes 10,000 too.
    'process.c1': () => processing(context, 10_000, 1),
    'process.c10': () => processing(context, 10_000, 10),
    'process.c50': () => processing(context, 10_000, 50),
    'latency.': () => latency(context, 1_000, 500),
    'memory.': () => memory(context, 100_000, MEMORY_WARM_UP_JOBS),
  };
  const rows: Row[] = [];
  try {
    const pids = [process.pid, await cpu.pid()];
    for (const step of LIBRARY_STEPS) {
      if (!steps.includes(step)) continue;
      const run = PINNED_STEPS.has(step) ? () => onOneCpu(cpuSlot, pids, runs[step]) : runs[step];
      rows.push(...[await timed(step, run)].flat());
    }
  } finally {
    await cpu.close();
  }
  return rows;
}
