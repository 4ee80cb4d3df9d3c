import { ConsoleLogger, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ActiveJobModule, type AdapterJob, ApplicationJob, Job, type QueueAdapter } from '../src/active-job';
import { JobExecutor } from '../src/active-job/execution/job-executor';
import { median, round2 } from './harness';

/** A job with an argument like most apps' (a small object), so that logging arguments costs what it usually does. */
@Job({ queue: 'overhead' })
class OverheadJob extends ApplicationJob {
  perform(_user: { id: number; email: string }): void {}
}
const ARGUMENT = { id: 42, email: 'user@example.com' };

const ITERATIONS = 10_000;
/** Lines may be written a few milliseconds after their event: CPU is read after that (CPU time, not wall time). */
const SETTLE_MS = 25;

/** How the app logs: no logger at all, per-job success lines off, lines without arguments, or Nest's console logger as it comes. */
type Logging = 'no logger' | 'logLines: failures' | 'logArguments: false' | 'default';

export interface Overhead {
  /** µs of CPU per enqueue and per perform, for each way of logging. */
  enqueueUs: Record<Logging, number>;
  performUs: Record<Logging, number>;
  /** µs one success line costs: (default − failures) per line, one per enqueue and two per perform. */
  lineUs: number;
}

async function app(logging: Logging, adapter: QueueAdapter): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ActiveJobModule.forRoot({ adapter, logLines: logging === 'logLines: failures' ? 'failures' : 'all', logArguments: logging !== 'logArguments: false' }),
      ActiveJobModule.forFeature([OverheadJob]),
    ],
  })
  class OverheadModule {}
  return NestFactory.createApplicationContext(OverheadModule, { logger: logging === 'no logger' ? false : new ConsoleLogger() });
}

async function microseconds(body: () => Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const startedAt = process.cpuUsage();
    for (let i = 0; i < ITERATIONS; i++) await body();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const used = process.cpuUsage(startedAt);
    rounds.push((used.user + used.system) / ITERATIONS);
  }
  return round2(median(rounds.slice(2))); // the first two warm the JIT up (the first mode's first perform also enables the job context)
}

/**
 * The library's own CPU per enqueue and per perform, on an adapter that stores nothing (so no
 * Redis, no Bull), for each way of logging. The job performed is the payload the library itself
 * wrote at enqueue, whatever its version.
 */
export async function runOverheadBreakdown(): Promise<Overhead> {
  let stored: AdapterJob | undefined;
  const nullAdapter: QueueAdapter = {
    name: 'Null',
    enqueue: async (job) => {
      stored = job;
      return '1';
    },
    enqueueAt: async () => '1',
  };
  const enqueueUs = {} as Record<Logging, number>;
  const performUs = {} as Record<Logging, number>;
  for (const logging of ['no logger', 'logLines: failures', 'logArguments: false', 'default'] as const) {
    const context = await app(logging, nullAdapter);
    try {
      const executor = context.get(JobExecutor, { strict: false });
      enqueueUs[logging] = await microseconds(() => OverheadJob.performLater(ARGUMENT));
      const payload = stored!.payload;
      performUs[logging] = await microseconds(() => executor.perform(payload, { providerJobId: '1', queueName: 'overhead', attemptsMade: 0 }));
    } finally {
      await context.close();
    }
  }
  const lineUs = round2((enqueueUs.default - enqueueUs['logLines: failures'] + (performUs.default - performUs['logLines: failures'])) / 3);
  return { enqueueUs, performUs, lineUs };
}
