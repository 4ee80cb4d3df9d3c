import 'reflect-metadata';
import { join } from 'node:path';
import { RedisServer } from '../test/support/redis-server';
import { log, type Measurement, writeResults } from './harness';
import { runLibraryBenchmarks } from './library.bench';

async function main(): Promise<void> {
  if (!global.gc) throw new Error('Run with --expose-gc (npm run bench does) so memory figures are measured after a collection');
  const startedAt = Date.now();
  const redis = await RedisServer.start();
  log(`redis-server of our own on ${redis.url}`);
  const measurements: Measurement[] = [];
  try {
    measurements.push(...(await runLibraryBenchmarks(redis.url)));
  } finally {
    await redis.stop();
  }
  const version = (pkg: string) => require(`${pkg}/package.json`).version as string;
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  writeResults(__dirname, measurements, [`Whole run: ${seconds} s.`], {
    bull: version('bull'), '@nestjs/core': version('@nestjs/core'), ioredis: version('ioredis'), 'redis-server': 'tests\' own',
  });
  log(`wrote bench/results.json and bench/RESULTS.md in ${seconds} s`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
