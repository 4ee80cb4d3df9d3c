import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { median, round2, type Row, type Sample } from './harness';
import type { Overhead } from './overhead.bench';
import { TARGET_LABELS, TARGETS, type TargetName } from './targets';

/** What one Node version's child process measured. */
export interface NodeRun {
  node: string;
  rows: Row[];
  overhead?: Overhead;
  notes: string[];
  /** Seconds each part took (absent in results written before they were recorded). */
  timings?: { name: string; seconds: number }[];
}

export interface RunInfo {
  startedAt: string;
  /** The commit measured (absent in results written before it was recorded). */
  commit?: string;
  seconds: number;
  loadavg: { start: number[]; end: number[] };
  versions: Record<string, string>;
}

const THROUGHPUT_TARGET = 0.9;
const P99_TARGET = 1.5;
const MEMORY_TARGET_MIB = 30;
const REFERENCES = ['bull', 'nestjs-bull'] as const;

interface Summary {
  median: number;
  min: number;
  max: number;
  /** Median µs of CPU per job, this process and redis-server. */
  processUs?: number;
  redisUs?: number;
}

/** A cumulative row (memory growth after each third of the jobs) reports its last value, the rounds only as its range. */
function summarize(samples: Sample[] | undefined, cumulative = false): Summary | undefined {
  if (!samples?.length) return undefined;
  const values = samples.map((s) => s.value);
  if (cumulative) return { median: round2(values.at(-1)!), min: round2(Math.min(...values)), max: round2(Math.max(...values)) };
  const cpu = (key: 'processUs' | 'redisUs') => (samples.every((s) => s[key] !== undefined) ? round2(median(samples.map((s) => s[key]!))) : undefined);
  return {
    median: round2(median(values)),
    min: round2(Math.min(...values)),
    max: round2(Math.max(...values)),
    processUs: cpu('processUs'),
    redisUs: cpu('redisUs'),
  };
}

const cpuOf = (s: Summary) => (s.processUs ?? NaN) + (s.redisUs ?? NaN);
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
const isThroughput = (row: Row) => /^(enqueue|bulk|process)\./.test(row.name);
const isCumulative = (row: Row) => row.name.startsWith('memory.');

/** The figures, as they go into results.json: every side's median, min–max and CPU per job, with the ratios the targets read. */
export function summarizeRun(run: NodeRun) {
  return {
    node: run.node,
    rows: run.rows.map((row) => {
      const sides = Object.fromEntries(TARGETS.filter((t) => row.samples[t]).map((t) => [t, summarize(row.samples[t], isCumulative(row))!]));
      return { name: row.name, unit: row.unit, better: row.better, sides, samples: row.samples };
    }),
    overhead: run.overhead,
    notes: run.notes,
    timings: run.timings,
  };
}

function verdicts(run: NodeRun): string[] {
  const lines: string[] = [];
  for (const row of run.rows) {
    const s = Object.fromEntries(TARGETS.map((t) => [t, summarize(row.samples[t])])) as Record<TargetName, Summary | undefined>;
    const ours = s.ours;
    if (isThroughput(row) && ours) {
      for (const ref of REFERENCES) {
        const other = s[ref];
        if (!other) continue;
        const cpu = ratio(cpuOf(other), cpuOf(ours));
        const throughput = ratio(ours.median, other.median);
        // The medians contradict the CPU figure when even ours' best round stayed under the target.
        const contradicted = ours.max < THROUGHPUT_TARGET * other.median;
        const met = cpu >= THROUGHPUT_TARGET && !contradicted;
        const by = met ? '' : `, short by ${round2(THROUGHPUT_TARGET - Math.min(cpu, contradicted ? throughput : cpu))}`;
        const where = met
          ? ''
          : ` Where: this process ${ours.processUs} vs ${other.processUs} µs/job, redis-server ${ours.redisUs} vs ${other.redisUs} µs/job.`;
        lines.push(
          `- ${met ? 'met' : '**NOT met**'}: \`${row.name}\` ours ≥ 0.90× ${TARGET_LABELS[ref]}: CPU per job ${cpu}× (${round2(cpuOf(ours))} vs ${round2(cpuOf(other))} µs), ` +
            `throughput ${throughput}×${contradicted ? ' (every round of ours under 0.90× the median: contradicts)' : ''}${by}.${where}`,
        );
      }
    } else if (row.name === 'latency.p99' && ours) {
      for (const ref of REFERENCES) {
        const other = s[ref];
        if (!other) continue;
        const r = ratio(ours.median, other.median);
        lines.push(
          `- ${r <= P99_TARGET ? 'met' : '**NOT met**'}: \`latency.p99\` ours ≤ 1.5× ${TARGET_LABELS[ref]}: ${ours.median} vs ${other.median} ms, ${r}×.`,
        );
      }
    } else if (row.name === 'memory.growth_mib' && s['ours-default']) {
      const last = row.samples['ours-default']!.at(-1)!.value;
      const heap = run.rows.find((r) => r.name === 'memory.heap_growth_mib')?.samples;
      const heapNote = heap
        ? ` V8 heap in use after GC: ours ${round2(heap['ours-default']!.at(-1)!.value)} MiB, raw Bull ${round2(heap.bull!.at(-1)!.value)} MiB.`
        : '';
      const warmUp = run.rows.find((r) => r.name === 'memory.warmup_growth_mib')?.samples;
      const warmUpNote = warmUp
        ? ` Before that, over the warm-up jobs, RSS grew ${round2(warmUp['ours-default']![0].value)} MiB (ours) and ${round2(warmUp.bull![0].value)} MiB (raw Bull).`
        : '';
      lines.push(
        `- ${last < MEMORY_TARGET_MIB ? 'met' : '**NOT met**'}: \`memory.growth_mib\` ours (default logging) < 30 MiB per 100k jobs: RSS grew ${round2(last)} MiB over 100k jobs ` +
          `(after each third: ${row.samples['ours-default']!.map((s) => round2(s.value)).join(', ')}); raw Bull ${round2(row.samples.bull!.at(-1)!.value)} MiB.${heapNote}${warmUpNote}`,
      );
    }
  }
  return lines;
}

function cell(s: Summary | undefined): string {
  return s ? `${s.median} (${s.min}–${s.max})` : '';
}

function table(run: NodeRun): string[] {
  const lines = [
    `| row | unit | ${TARGETS.map((t) => TARGET_LABELS[t].replace(/ \(.*\)$/, '')).join(' | ')} | ours / Bull | ours / @nestjs/bull | default / Bull |`,
    `| --- | --- | ${TARGETS.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`,
  ];
  for (const row of run.rows) {
    const s = Object.fromEntries(TARGETS.map((t) => [t, summarize(row.samples[t], isCumulative(row))])) as Record<TargetName, Summary | undefined>;
    const r = (a?: Summary, b?: Summary) => (a && b ? String(ratio(a.median, b.median)) : '');
    lines.push(
      `| ${row.name} | ${row.unit} | ${TARGETS.map((t) => cell(s[t])).join(' | ')} | ${r(s.ours, s.bull)} | ${r(s.ours, s['nestjs-bull'])} | ${r(s['ours-default'], s.bull)} |`,
    );
  }
  return lines;
}

function cpuTable(run: NodeRun): string[] {
  const rows = run.rows.filter(isThroughput);
  if (!rows.length) return [];
  const lines = [
    'CPU per job, µs (this Node process + redis-server; medians of the rounds). The ratio is reference CPU / ours, so ≥ 0.90 reads like the throughput target.',
    '',
    `| row | ${TARGETS.map((t) => TARGET_LABELS[t].replace(/ \(.*\)$/, '')).join(' | ')} | Bull / ours | @nestjs/bull / ours | Bull / default |`,
    `| --- | ${TARGETS.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`,
  ];
  for (const row of rows) {
    const s = Object.fromEntries(TARGETS.map((t) => [t, summarize(row.samples[t])])) as Record<TargetName, Summary | undefined>;
    const c = (x?: Summary) => (x ? `${round2(cpuOf(x))} (${x.processUs} + ${x.redisUs})` : '');
    const r = (ref?: Summary, ours?: Summary) => (ref && ours ? String(ratio(cpuOf(ref), cpuOf(ours))) : '');
    lines.push(
      `| ${row.name} | ${TARGETS.map((t) => c(s[t])).join(' | ')} | ${r(s.bull, s.ours)} | ${r(s['nestjs-bull'], s.ours)} | ${r(s.bull, s['ours-default'])} |`,
    );
  }
  return lines;
}

function overheadLines(overhead: Overhead | undefined): string[] {
  if (!overhead) return [];
  const { enqueueUs: e, performUs: p } = overhead;
  return [
    `The library's own CPU, on an adapter that stores nothing (no Redis, no Bull): per enqueue ${e['no logger']} µs without a logger, ` +
      `${e['logLines: failures']} µs with \`logLines: 'failures'\`, ${e['logArguments: false']} µs with lines but \`logArguments: false\`, ${e.default} µs by default (one line); ` +
      `per perform ${p['no logger']}, ${p['logLines: failures']}, ${p['logArguments: false']} and ${p.default} µs (two lines). ` +
      `**One success line costs ${overhead.lineUs} µs** of CPU (Nest's ConsoleLogger, written to /dev/null; the job's argument is a small object).`,
  ];
}

function timingLines(run: NodeRun): string[] {
  if (!run.timings?.length) return [];
  const total = run.timings.reduce((sum, { seconds }) => sum + seconds, 0);
  return ['', `Time on Node ${run.node}: ${run.timings.map(({ name, seconds }) => `${name} ${seconds} s`).join(', ')} (${round2(total)} s in all).`];
}

export function writeResults(dir: string, runs: NodeRun[], info: RunInfo): void {
  const json = { ...info, runs: runs.map(summarizeRun) };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(json, null, 1)}\n`);
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  const lines = [
    '# Benchmark results',
    '',
    `Run on ${info.startedAt}${info.commit ? ` at commit ${info.commit}` : ''} by \`npm run bench\` in ${info.seconds} s: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
      `${Object.entries(info.versions)
        .map(([pkg, version]) => `${pkg} ${version}`)
        .join(', ')}.`,
    `Machine load (1 / 5 / 15 min loadavg) at the start ${load(info.loadavg.start)}, at the end ${load(info.loadavg.end)}: the machine is shared, so absolute figures are noisy; compare within one run.`,
    '',
    'The two Node versions run at the same time, each in a process of its own on a redis-server of its own; within a version every side runs once per round, the order rotating each round. ' +
      "For the throughput rows (enqueue, bulk, process) each version's Node process and redis-server share one CPU of their own (taskset); latency and memory run unpinned. " +
      'Cells are medians with min–max (memory rows: the growth over all 100k jobs, with min–max over the growth after each third).',
    'Sides: ' + TARGETS.map((t) => `**${TARGET_LABELS[t]}**`).join(', ') + '. See docs/performance.md for what each row measures.',
    '',
  ];
  for (const run of runs) {
    lines.push(
      `## Node ${run.node}`,
      '',
      ...table(run),
      '',
      ...cpuTable(run),
      '',
      '### Targets',
      '',
      ...verdicts(run),
      '',
      ...overheadLines(run.overhead),
      ...run.notes,
      ...timingLines(run),
      '',
    );
  }
  lines.push(
    "A throughput target is met when ours uses at most 1/0.90 of the reference's CPU per job (this process plus redis-server) and the throughput medians do not contradict it, " +
      "that is unless even ours' best round stayed under 0.90× the reference's median.",
    'Where the time goes, beyond the split above, and what each knob changes: docs/performance.md.',
    '',
  );
  writeFileSync(join(dir, 'RESULTS.md'), lines.join('\n'));
}
