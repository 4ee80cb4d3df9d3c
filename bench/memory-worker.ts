// A process for memory.growth_mib: `fork`ed by library.bench.ts with target, Redis URL, prefix, jobs and warm-up.
import 'reflect-metadata';
import { benchProbe } from './bench.job';
import { type Side, startSide, type TargetName } from './targets';

const [target, redisUrl, prefix, jobsArg, warmUpArg] = process.argv.slice(2);
const CONCURRENCY = 50;
const ROUNDS = 3;

/** RSS and V8 heap in use, after two full collections. */
function usedMiB(): { rss: number; heap: number } {
  global.gc!();
  global.gc!();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

/** Adds jobs 10,000 at a time, 1000 per bulk add, and waits for each batch to be performed, so Redis never holds many. */
async function feed(side: Side, count: number): Promise<void> {
  for (let fed = 0; fed < count; fed += 10_000) {
    const batch = Math.min(10_000, count - fed);
    const done = benchProbe.reset(batch);
    for (let start = 0; start < batch; start += 1000) {
      await side.addBulk(Array.from({ length: Math.min(1000, batch - start) }, (_, i) => fed + start + i));
    }
    await done;
  }
}

async function main(): Promise<void> {
  if (!global.gc) throw new Error('memory-worker needs --expose-gc');
  const side = await startSide(target as TargetName, { redisUrl, prefix, concurrency: CONCURRENCY });
  const started = usedMiB();
  await feed(side, Number(warmUpArg));
  const before = usedMiB();
  // Three rounds of a third of the jobs each; each reports the growth so far, the last one over all of them.
  const growthMiB: number[] = [];
  const heapGrowthMiB: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await feed(side, Math.ceil(Number(jobsArg) / ROUNDS));
    const now = usedMiB();
    growthMiB.push(Math.max(0, now.rss - before.rss));
    heapGrowthMiB.push(now.heap - before.heap);
  }
  await side.close();
  process.send!({ growthMiB, heapGrowthMiB, warmUpGrowthMiB: [Math.max(0, before.rss - started.rss)] });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
