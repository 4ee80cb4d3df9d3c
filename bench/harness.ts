import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  name: string;
  ours: number;
  raw: number;
  /** ours / raw; for memory, ours alone is the figure. */
  ratio: number;
  unit: string;
  oursRange: [number, number];
  rawRange: [number, number];
  rounds: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs ours and raw alternately, `rounds` times each (raw first in even rounds), so drift on a noisy machine hits both alike. */
export async function alternate<T>(rounds: number, ours: () => Promise<T>, raw: () => Promise<T>): Promise<{ ours: T[]; raw: T[] }> {
  const results = { ours: [] as T[], raw: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const);
    for (const side of order) results[side].push(await (side === 'ours' ? ours : raw)());
  }
  return results;
}

let lastMeasurementAt = performance.now();

/** Medians and ranges of both sides, with ratio = ours / raw. */
export function measurement(
  name: string,
  unit: string,
  oursValues: number[],
  rawValues: number[],
  rawFloor = Number.EPSILON,
  // A cumulative figure (memory growth) reports its last value, with the rounds only as its range.
  rounds?: { oursRounds: number[]; rawRounds: number[] },
): Measurement {
  const ours = median(oursValues);
  const raw = median(rawValues);
  const oursRangeValues = rounds?.oursRounds ?? oursValues;
  const rawRangeValues = rounds?.rawRounds ?? rawValues;
  const result: Measurement = {
    name,
    ours: round2(ours),
    raw: round2(raw),
    ratio: round3(ours / Math.max(raw, rawFloor)),
    unit,
    oursRange: [round2(Math.min(...oursRangeValues)), round2(Math.max(...oursRangeValues))],
    rawRange: [round2(Math.min(...rawRangeValues)), round2(Math.max(...rawRangeValues))],
    rounds: oursRangeValues.length,
  };
  const seconds = Math.round((performance.now() - lastMeasurementAt) / 1000);
  lastMeasurementAt = performance.now();
  log(`${name}: ours ${result.ours} ${unit} (${result.oursRange.join('-')}), raw ${result.raw} (${result.rawRange.join('-')}), ratio ${result.ratio} [${seconds} s]`);
  return result;
}

export async function compare(name: string, unit: string, rounds: number, ours: () => Promise<number>, raw: () => Promise<number>): Promise<Measurement> {
  const values = await alternate(rounds, ours, raw);
  return measurement(name, unit, values.ours, values.raw);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Log lines are part of what is measured: they are written to stdout as in production, and stdout
 * is /dev/null, so each line costs its formatting and its write() and nothing else (a pipe would add
 * the CPU of whatever process reads it, on the same two cores). Run from the parent, this re-runs
 * the same command as such a child and resolves with its exit code; in that child it resolves with
 * undefined, and the caller goes on.
 */
export function rerunWithStdoutDiscarded(): Promise<number | undefined> {
  if (process.env.BENCH_STDOUT_DISCARDED === '1') return Promise.resolve(undefined);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, BENCH_STDOUT_DISCARDED: '1' },
    stdio: ['inherit', 'ignore', 'inherit'], // 'ignore' is /dev/null
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export function writeResults(dir: string, measurements: Measurement[], notes: string[], versions: Record<string, string>): void {
  const results = measurements.map(({ name, ours, raw, ratio, unit }) => ({ name, ours, raw, ratio, unit }));
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Benchmark results',
    '',
    `Run on ${new Date().toISOString()} by \`npm run bench\`: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB,`,
    `Node ${process.version}, ${Object.entries(versions).map(([pkg, version]) => `${pkg} ${version}`).join(', ')}.`,
    'Each line alternates ours and raw Bull in rounds on the same Redis and reports medians, with min–max.',
    '`ratio` is ours/raw: for jobs/s and requests/s higher is better (target >= 0.90), for latency lower is better',
    '(target p99 <= 1.5), for memory `ours` is the growth in MiB (target < 30).',
    '',
    '| name | ours | raw | ratio | unit | ours min–max | raw min–max |',
    '| --- | ---: | ---: | ---: | --- | --- | --- |',
    ...measurements.map((m) => `| ${m.name} | ${m.ours} | ${m.raw} | ${m.ratio} | ${m.unit} | ${m.oursRange.join('–')} | ${m.rawRange.join('–')} |`),
    '',
    ...notes,
    '',
  ];
  writeFileSync(join(dir, 'RESULTS.md'), lines.join('\n'));
}
