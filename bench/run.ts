import 'reflect-metadata';
import { join } from 'node:path';
import { RedisServer } from '../test/support/redis-server';
import { log, type Measurement, withStdoutDiscarded, writeResults } from './harness';
import { runLibraryBenchmarks } from './library.bench';
import { runOverheadBreakdown } from './overhead.bench';
import { runSignupBenchmarks } from './signup.bench';

// `npm run bench -- signup` runs one part and prints it without touching the committed results.
const parts = process.argv.slice(2);
const wanted = (part: string) => parts.length === 0 || parts.includes(part);

async function main(): Promise<void> {
  if (!global.gc) throw new Error('Run with --expose-gc (npm run bench does) so memory figures are measured after a collection');
  const startedAt = Date.now();
  const redis = await RedisServer.start();
  log(`redis-server of our own on ${redis.url}`);
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  try {
    if (wanted('library')) measurements.push(...(await runLibraryBenchmarks(redis.url)));
    if (wanted('overhead')) notes.push(...(await withStdoutDiscarded(runOverheadBreakdown)));
    if (wanted('signup')) {
      const signup = await runSignupBenchmarks(redis.url);
      measurements.push(...signup.measurements);
      notes.push(...signup.notes);
    }
  } finally {
    await redis.stop();
  }
  if (parts.length > 0) {
    for (const note of notes) log(note);
    return log('partial run: bench/results.json and bench/RESULTS.md left as they were');
  }
  notes.unshift(...targetLines(measurements));
  const version = (pkg: string) => require(`${pkg}/package.json`).version as string;
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  writeResults(__dirname, measurements, [...notes, `Whole run: ${seconds} s.`], {
    bull: version('bull'), '@nestjs/core': version('@nestjs/core'), ioredis: version('ioredis'), 'redis-server': 'tests\' own',
  });
  log(`wrote bench/results.json and bench/RESULTS.md in ${seconds} s`);
}

/** The issue's targets, each checked against this run. */
function targetLines(measurements: Measurement[]): string[] {
  const lines = ['Targets (issue #6):', ''];
  for (const m of measurements) {
    let target: string | undefined;
    let met = false;
    if (/^(enqueue|bulk|process)\./.test(m.name)) [target, met] = ['ratio >= 0.90', m.ratio >= 0.9];
    else if (m.name === 'latency.p99') [target, met] = ['ratio <= 1.5', m.ratio <= 1.5];
    else if (m.name === 'memory.growth_mib') [target, met] = ['ours < 30 MiB', m.ours < 30];
    if (target) lines.push(`- ${met ? 'met' : 'NOT met'}: \`${m.name}\` ${target} (${m.name === 'memory.growth_mib' ? `${m.ours} MiB` : `ratio ${m.ratio}`})`);
  }
  return [...lines, ''];
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
