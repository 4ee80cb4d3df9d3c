// Profiling aid: `node --cpu-prof -r ts-node/register/transpile-only bench/profile-enqueue.ts [quiet] > /dev/null`
// (log lines go to /dev/null, as in `npm run bench`).
import 'reflect-metadata';
import { ConsoleLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ActiveJobModule } from '../src/active-job';
import { RedisServer } from '../test/support/redis-server';
import { BenchJob } from './bench.job';

async function main(): Promise<void> {
  const redis = await RedisServer.start();
  @Module({ imports: [ActiveJobModule.forRoot({ connection: redis.url }), ActiveJobModule.forFeature([BenchJob])] })
  class ProfileModule {}
  const app = await NestFactory.createApplicationContext(ProfileModule, { logger: process.argv[2] === 'quiet' ? false : new ConsoleLogger() });
  for (let round = 0; round < 3; round++) {
    const startedAt = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < 10_000) await BenchJob.performLater(next++);
    };
    await Promise.all(Array.from({ length: 1000 }, lane));
    process.stderr.write(`${Math.round(10_000 / ((performance.now() - startedAt) / 1000))} jobs/s\n`);
  }
  await app.close();
  await redis.stop();
}

void main();
