// A worker process for memory.growth_mib: `fork`ed by library.bench.ts with side, Redis URL, prefix, jobs and warm-up.
import 'reflect-metadata';
import type { Queue } from 'bull';
import { benchProbe } from './bench.job';
import { addInChunks, ourApp, rawQueue } from './library.bench';

const [side, redisUrl, prefix, jobsArg, warmUpArg] = process.argv.slice(2);
const CONCURRENCY = 50;
const ROUNDS = 3;

function rssMiB(): number {
  global.gc!();
  global.gc!();
  return process.memoryUsage().rss / 2 ** 20;
}

/** Adds jobs 10,000 at a time and waits for each batch to be performed, so Redis never holds many. */
async function feed(producer: Queue, count: number, performed: () => number): Promise<void> {
  for (let fed = 0; fed < count; fed += 10_000) {
    const batch = Math.min(10_000, count - fed);
    const target = performed() + batch;
    await addInChunks(producer, batch);
    while (performed() < target) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  if (!global.gc) throw new Error('memory-worker needs --expose-gc');
  const producer = rawQueue(redisUrl, prefix);
  let performed = () => benchProbe.performed;
  let close: () => Promise<unknown>;
  if (side === 'ours') {
    const app = await ourApp(redisUrl, prefix, CONCURRENCY);
    close = () => app.close();
  } else {
    let count = 0;
    void producer.process('*', CONCURRENCY, async () => void count++);
    performed = () => count;
    close = async () => undefined;
  }
  await feed(producer, Number(warmUpArg), performed);
  const before = rssMiB();
  // Three rounds of a third of the jobs each; each reports the growth so far, the last one over all of them.
  const growthMiB: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await feed(producer, Math.ceil(Number(jobsArg) / ROUNDS), performed);
    growthMiB.push(Math.max(0, rssMiB() - before));
  }
  await close();
  await producer.close();
  process.send!({ growthMiB });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
