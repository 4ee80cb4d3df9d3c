import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull from 'bull';
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { ActiveJobModule, JobQueue } from '../src/active-job';
import { BenchJob } from './bench.job';
import { WaitingJob } from './waiting.job';
import { log, median, round2 } from './harness';

// Scale-out (issue #18): jobs/s performed by 1, 2 and 4 worker processes on one Redis, for a no-op
// job (all the cost is Node's and Redis's CPU) and for an I/O-bound one (it waits, as a call to a mail
// server would). On two cores the shape matters, not the figure: Redis and the workers share them.
const CONCURRENCY = 10;
const WAIT_MS = 20;

interface Workload {
  name: string;
  queue: string;
  jobs: number;
  enqueue(producer: INestApplicationContext, jobs: number): Promise<unknown>;
}

const WORKLOADS: Workload[] = [
  {
    name: 'no-op job',
    queue: 'bench',
    jobs: 5_000,
    enqueue: (producer, jobs) =>
      producer.get(JobQueue).performAllLater(
        BenchJob,
        Array.from({ length: jobs }, (_, index) => [index] as [number]),
      ),
  },
  {
    name: `job waiting ${WAIT_MS} ms`,
    queue: 'bench-io',
    jobs: 1_000,
    enqueue: (producer, jobs) =>
      producer.get(JobQueue).performAllLater(
        WaitingJob,
        Array.from({ length: jobs }, () => [WAIT_MS] as [number]),
      ),
  },
];
const ROUNDS = 3;
const WORKER_COUNTS = [1, 2, 4];

interface Worker {
  child: ChildProcess;
  /** Jobs performed since the last count. */
  count(): Promise<number>;
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
        count: () =>
          new Promise((counted) => {
            child.once('message', (message: { performed: number }) => counted(message.performed));
            child.send('count');
          }),
      });
    });
  });
}

async function producerApp(redisUrl: string, prefix: string): Promise<INestApplicationContext> {
  @Module({ imports: [ActiveJobModule.forRoot({ connection: redisUrl, prefix }), ActiveJobModule.forFeature([BenchJob, WaitingJob])] })
  class ScaleOutProducerModule {}
  return NestFactory.createApplicationContext(ScaleOutProducerModule, { logger: ['error', 'warn'] });
}

/**
 * One round: the queue is paused while the jobs are added, then resumed; timed from the resume to
 * the queue being empty, so only consuming is measured, with every worker already up.
 */
async function round(producer: INestApplicationContext, queue: Bull.Queue, workload: Workload): Promise<number> {
  await queue.pause();
  await workload.enqueue(producer, workload.jobs);
  const startedAt = performance.now();
  await queue.resume();
  const client = queue.client;
  for (;;) {
    const [[, wait], [, active], [, paused]] = (await client
      .multi()
      .llen(queue.toKey('wait'))
      .llen(queue.toKey('active'))
      .llen(queue.toKey('paused'))
      .exec()) as [unknown, number][];
    if (wait + active + paused === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return workload.jobs / ((performance.now() - startedAt) / 1000);
}

/** Notes for RESULTS.md: a table of jobs/s by worker processes, per workload. */
export async function runScaleOutBenchmarks(redisUrl: string): Promise<string[]> {
  const rates = new Map<string, number[]>(); // `${workload} ${count}` -> rates of the rounds
  const shares = new Map<number, number[]>();
  const prefix = 'scale';
  const producer = await producerApp(redisUrl, prefix);
  // The same workers serve every count, one started for 2 and two more for 4: a worker process takes seconds to start.
  const workers: Worker[] = [];
  try {
    for (const count of WORKER_COUNTS) {
      workers.push(...(await Promise.all(Array.from({ length: count - workers.length }, () => startWorker(redisUrl, prefix)))));
      for (const workload of WORKLOADS) {
        const queue = new Bull(workload.queue, redisUrl, { prefix });
        try {
          const measured: number[] = [];
          for (let index = 0; index < ROUNDS; index++) measured.push(await round(producer, queue, workload));
          rates.set(`${workload.name} ${count}`, measured);
          log(`scale_out.${workload.queue}.workers_${count}: ${Math.round(median(measured))} jobs/s (${measured.map(Math.round).join(', ')})`);
        } finally {
          await queue.close();
        }
      }
      shares.set(count, await Promise.all(workers.map((worker) => worker.count())));
    }
  } finally {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await producer.close();
  }
  const rows = WORKLOADS.flatMap((workload) => {
    const single = median(rates.get(`${workload.name} 1`)!);
    return WORKER_COUNTS.map((count) => {
      const measured = rates.get(`${workload.name} ${count}`)!;
      const rate = median(measured);
      return `| ${workload.name} (${workload.jobs}) | ${count} | ${Math.round(rate)} | ${Math.round(Math.min(...measured))}–${Math.round(Math.max(...measured))} | ${round2(rate / single)} |`;
    });
  });
  return [
    `Scale-out (issue #18): jobs/s performed by worker processes on one Redis, each of concurrency ${CONCURRENCY}; the jobs are added ` +
      `to a paused queue and timed from its resume until it is empty; median of ${ROUNDS} rounds. A no-op job measures the CPU that Node and ` +
      `Redis spend per job; a job waiting ${WAIT_MS} ms is bounded by concurrency, which each process adds. This machine has two cores ` +
      'shared by Redis, the workers and this process (and other work): read the shape, not the figure.',
    '',
    '| workload (jobs) | worker processes | jobs/s | min–max | vs 1 worker |',
    '| --- | ---: | ---: | --- | ---: |',
    ...rows,
    '',
    `Jobs per worker process, all rounds: ${WORKER_COUNTS.map((count) => `${count}: ${shares.get(count)!.join(' / ')}`).join('; ')}.`,
    '',
  ];
}
