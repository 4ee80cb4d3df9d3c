import { BullModule, InjectQueue, Process, Processor as BullProcessor } from '@nestjs/bull';
import { ConsoleLogger, Injectable, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull, { type Job as BullJob, type JobOptions, type Queue } from 'bull';
import { Queue as MqQueue, Worker as MqWorker } from 'bullmq';
import { ActiveJobModule, Job, type LogLines, Processor } from '../src/active-job';
// The alias names the base class inside DefaultBenchJob's scope, where `BenchJob` is the subclass.
import { BenchJob, BenchJob as BaseBenchJob, benchProbe } from './bench.job';

/** What each side is: the queue libraries a Nest user could pick, and ours in both logging configurations. */
export const TARGETS = ['bull', 'nestjs-bull', 'ours', 'ours-default', 'bullmq'] as const;
export type TargetName = (typeof TARGETS)[number];

export const TARGET_LABELS: Record<TargetName, string> = {
  bull: 'raw Bull',
  'nestjs-bull': 'plain @nestjs/bull',
  ours: 'ours, same work (logLines: failures)',
  'ours-default': 'ours, default (a line per enqueue, two per perform)',
  bullmq: 'raw BullMQ (informative)',
};

export const QUEUE = 'bench';

/**
 * Bull options equal to what ours gives every job by default (one attempt, bounded retention),
 * so every side asks Redis for the same work per job.
 */
export const SAME_WORK_OPTIONS: JobOptions = {
  attempts: 1,
  removeOnComplete: { count: 1000, age: 86400 },
  removeOnFail: { count: 5000, age: 604800 },
};

/** One running side: it enqueues, and with a concurrency it also performs what it finds in its queue. */
export interface Side {
  add(index: number, at?: number): Promise<unknown>;
  addBulk(indices: number[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface SideOptions {
  redisUrl: string;
  prefix: string;
  /** Consume the queue with this many jobs at once; undefined: enqueue only. */
  concurrency?: number;
}

/** Every side's handler ends here: count the job, record its latency when it carries an enqueue time. */
function performed(data: { index: number; at?: number }): void {
  benchProbe.record(data.at);
}

export function startSide(target: TargetName, options: SideOptions): Promise<Side> {
  switch (target) {
    case 'bull':
      return rawBull(options);
    case 'nestjs-bull':
      return nestjsBull(options);
    case 'ours':
      return ours(options, 'failures', BenchJob);
    case 'ours-default':
      return ours(options, 'all', DefaultBenchJob);
    case 'bullmq':
      return bullmq(options);
  }
}

async function rawBull({ redisUrl, prefix, concurrency }: SideOptions): Promise<Side> {
  const queue = new Bull(QUEUE, redisUrl, { prefix });
  if (concurrency !== undefined) void queue.process('*', concurrency, async (job: BullJob) => performed(job.data));
  await queue.isReady();
  return {
    add: (index, at) => queue.add('BenchJob', at === undefined ? { index } : { index, at }, SAME_WORK_OPTIONS),
    addBulk: (indices) => queue.addBulk(indices.map((index) => ({ name: 'BenchJob', data: { index }, opts: SAME_WORK_OPTIONS }))),
    close: () => queue.close(),
  };
}

/** Nest's default console logger: what a Nest app prints by default is part of what is measured. */
function context(module: Type): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(module, { logger: new ConsoleLogger() });
}

/**
 * `@nestjs/bull` as its documentation teaches it: `BullModule.forRoot` and `registerQueue` (job
 * options as the queue's defaults), a service that `queue.add`s, and a `@Processor` class whose
 * `@Process()` method handles the jobs.
 */
async function nestjsBull({ redisUrl, prefix, concurrency }: SideOptions): Promise<Side> {
  @Injectable()
  class BenchService {
    constructor(@InjectQueue(QUEUE) private readonly queue: Queue) {}
    add(data: { index: number; at?: number }) {
      return this.queue.add(data);
    }
    addBulk(indices: number[]) {
      return this.queue.addBulk(indices.map((index) => ({ data: { index } })));
    }
  }
  @BullProcessor(QUEUE)
  class BenchConsumer {
    @Process({ concurrency: concurrency ?? 1 })
    handle(job: BullJob<{ index: number; at?: number }>): void {
      performed(job.data);
    }
  }
  @Module({
    imports: [BullModule.forRoot({ redis: redisUrl, prefix }), BullModule.registerQueue({ name: QUEUE, defaultJobOptions: SAME_WORK_OPTIONS })],
    providers: concurrency === undefined ? [BenchService] : [BenchService, BenchConsumer],
  })
  class NestjsBullModule {}
  const app = await context(NestjsBullModule);
  const service = app.get(BenchService);
  return {
    add: (index, at) => service.add(at === undefined ? { index } : { index, at }),
    addBulk: (indices) => service.addBulk(indices),
    close: () => app.close(),
  };
}

/**
 * The class `ours-default` enqueues: the same job, named the same, but a class of its own, so both
 * of our sides can run at once (a class's static `performLater` reaches the application that bound it last).
 */
const DefaultBenchJob = (() => {
  @Job({ queue: QUEUE })
  class BenchJob extends BaseBenchJob {}
  return BenchJob;
})();

async function ours({ redisUrl, prefix, concurrency }: SideOptions, logLines: LogLines, jobClass: typeof BenchJob): Promise<Side> {
  @Processor(QUEUE, { concurrency: concurrency ?? 1 })
  class BenchProcessor {}
  @Module({
    imports: [
      ActiveJobModule.forRoot({ connection: redisUrl, prefix, logLines, worker: { enabled: concurrency !== undefined } }),
      ActiveJobModule.forFeature([jobClass]),
    ],
    providers: [BenchProcessor],
  })
  class OursModule {}
  const app = await context(OursModule);
  return {
    add: (index, at) => (at === undefined ? jobClass.performLater(index) : jobClass.performLater(index, at)),
    addBulk: (indices) => jobClass.performAllLater(indices.map((index) => [index] as [number])),
    close: () => app.close(),
  };
}

/** BullMQ's own Queue and Worker, the same options: not a target, it shows where the other major line stands. */
async function bullmq({ redisUrl, prefix, concurrency }: SideOptions): Promise<Side> {
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port) };
  const { attempts, removeOnComplete, removeOnFail } = SAME_WORK_OPTIONS as {
    attempts: number;
    removeOnComplete: { count: number; age: number };
    removeOnFail: { count: number; age: number };
  };
  const defaultJobOptions = { attempts, removeOnComplete, removeOnFail };
  const queue = new MqQueue(QUEUE, { connection, prefix, defaultJobOptions });
  const worker = concurrency === undefined ? undefined : new MqWorker(QUEUE, async (job) => performed(job.data), { connection, prefix, concurrency });
  await queue.waitUntilReady();
  await worker?.waitUntilReady();
  return {
    add: (index, at) => queue.add('BenchJob', at === undefined ? { index } : { index, at }),
    addBulk: (indices) => queue.addBulk(indices.map((index) => ({ name: 'BenchJob', data: { index } }))),
    close: async () => {
      await worker?.close();
      await queue.close();
    },
  };
}
