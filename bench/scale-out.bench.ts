import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull from 'bull';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { ActiveJobModule, JobQueue } from '../src/active-job';
import { BenchJob } from './bench.job';
import { log, median, round2 } from './harness';

// Scale-out (issue #18): jobs/s performed by 1, 2 and 4 worker processes on one Redis. On two
// cores the shape matters, not the figure: Redis and the workers share them.
const JOBS = 5_000;
const CONCURRENCY = 10;
const ROUNDS = 3;
const WORKER_COUNTS = [1, 2, 4];

interface Worker {
  child: ChildProcess;
  stop(): Promise<number>;
}

function startWorker(redisUrl: string, prefix: string): Promise<Worker> {
  const child = fork(join(__dirname, 'scale-out-worker.ts'), [redisUrl, prefix, String(CONCURRENCY)], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // log lines go nowhere, as the parent's do during measurements
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`scale-out worker exited with ${code} before it was ready`)));
    child.once('message', () => {
      child.removeAllListeners('exit');
      resolve({
        child,
        stop: () =>
          new Promise((stopped) => {
            child.once('message', (message: { performed: number }) => stopped(message.performed));
            child.send('stop');
          }),
      });
    });
  });
}

async function producerApp(redisUrl: string, prefix: string): Promise<INestApplicationContext> {
  @Module({ imports: [ActiveJobModule.forRoot({ connection: redisUrl, prefix }), ActiveJobModule.forFeature([BenchJob])] })
  class ScaleOutProducerModule {}
  return NestFactory.createApplicationContext(ScaleOutProducerModule, { logger: ['error', 'warn'] });
}

/**
 * One round: the queue is paused while JOBS jobs are added, then resumed; timed from the resume to
 * the queue being empty, so only consuming is measured, with every worker already up.
 */
async function round(producer: INestApplicationContext, queue: Bull.Queue): Promise<number> {
  await queue.pause();
  await producer.get(JobQueue).performAllLater(BenchJob, Array.from({ length: JOBS }, (_, index) => [index] as [number]));
  const startedAt = performance.now();
  await queue.resume();
  const client = queue.client;
  for (;;) {
    const [[, wait], [, active], [, paused]] = (await client.multi().llen(queue.toKey('wait')).llen(queue.toKey('active')).llen(queue.toKey('paused')).exec()) as [unknown, number][];
    if (wait + active + paused === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return JOBS / ((performance.now() - startedAt) / 1000);
}

/** Notes for RESULTS.md: a table of jobs/s by worker processes. */
export async function runScaleOutBenchmarks(redisUrl: string): Promise<string[]> {
  const rows: string[] = [];
  let single = 0;
  for (const count of WORKER_COUNTS) {
    const prefix = `scale${count}`;
    const queue = new Bull('bench', redisUrl, { prefix });
    const producer = await producerApp(redisUrl, prefix);
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(redisUrl, prefix)));
    try {
      const rates: number[] = [];
      for (let index = 0; index < ROUNDS; index++) rates.push(await round(producer, queue));
      const rate = median(rates);
      if (count === 1) single = rate;
      const shares = await Promise.all(workers.map((worker) => worker.stop()));
      log(`scale_out.workers_${count}: ${Math.round(rate)} jobs/s (${rates.map(Math.round).join(', ')}), shares ${shares.join('/')}`);
      rows.push(`| ${count} | ${Math.round(rate)} | ${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))} | ${round2(rate / single)} | ${shares.join(' / ')} |`);
    } finally {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await producer.close();
      await queue.close();
    }
  }
  return [
    `Scale-out (issue #18): jobs/s performed by worker processes on one Redis, each of concurrency ${CONCURRENCY}, a no-op job, ` +
      `${JOBS} jobs added to a paused queue and timed from its resume until it is empty; median of ${ROUNDS} rounds. ` +
      'This machine has two cores shared by Redis, the workers and this process: past two workers they compete for CPU, so read the shape, not the figure.',
    '',
    '| worker processes | jobs/s | min–max | vs 1 worker | jobs per worker (all rounds) |',
    '| ---: | ---: | --- | ---: | --- |',
    ...rows,
    '',
  ];
}
