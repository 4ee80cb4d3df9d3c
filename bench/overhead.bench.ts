import { ConsoleLogger, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ActiveJobModule, type QueueAdapter } from '../src/active-job';
import { JobExecutor } from '../src/active-job/execution/job-executor';
import { LINES_FLUSH_INTERVAL_MS } from '../src/active-job/logging/deferred-lines';
import { BenchJob } from './bench.job';
import { median, round2 } from './harness';

const ITERATIONS = 20_000;

/** An adapter that stores nothing: what is left is the library's own CPU per job. */
const nullAdapter: QueueAdapter = { name: 'Null', enqueue: async () => '1', enqueueAt: async () => '1' };

async function app(logging: boolean): Promise<INestApplicationContext> {
  @Module({ imports: [ActiveJobModule.forRoot({ adapter: nullAdapter }), ActiveJobModule.forFeature([BenchJob])] })
  class OverheadModule {}
  return NestFactory.createApplicationContext(OverheadModule, { logger: logging ? new ConsoleLogger() : false });
}

async function microseconds(body: () => Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const startedAt = process.cpuUsage();
    for (let i = 0; i < ITERATIONS; i++) await body();
    // Log lines are written in batches a few milliseconds later: count that writing too, but not the wait (CPU time, not wall time).
    await new Promise((resolve) => setTimeout(resolve, LINES_FLUSH_INTERVAL_MS * 2));
    const used = process.cpuUsage(startedAt);
    rounds.push((used.user + used.system) / ITERATIONS);
  }
  return round2(median(rounds.slice(1))); // the first round warms the JIT up
}

/** The library's CPU per enqueue and per perform, without Redis, with and without Nest's console logging. */
export async function runOverheadBreakdown(): Promise<string[]> {
  const payload = {
    v: 1, jobClass: 'BenchJob', jobId: randomUUID(), queueName: 'bench', priority: null, arguments: [1],
    executions: 0, exceptionExecutions: {}, enqueuedAt: new Date().toISOString(), scheduledAt: null,
  };
  const figures: Record<string, number> = {};
  for (const logging of [false, true]) {
    const context = await app(logging);
    try {
      const executor = context.get(JobExecutor, { strict: false });
      figures[`enqueue ${logging}`] = await microseconds(() => BenchJob.performLater(1));
      figures[`perform ${logging}`] = await microseconds(() => executor.perform(payload, { providerJobId: '1', queueName: 'bench', attemptsMade: 0 }));
    } finally {
      await context.close();
    }
  }
  return [
    `CPU of the library itself per job, measured on an adapter that stores nothing (median of 4 rounds of ${ITERATIONS}): ` +
      `enqueue ${figures['enqueue false']} µs without logging, ${figures['enqueue true']} µs with Nest's ConsoleLogger; ` +
      `perform ${figures['perform false']} µs without logging, ${figures['perform true']} µs with it (two lines per job).`,
  ];
}
