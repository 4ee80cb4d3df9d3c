import { inspect } from 'node:util';
import { ApplicationJob } from '../application-job';
import type { JobFilter, JobFilterOptions, PerformJobsOptions } from './job-filter';
import type { TestJob } from './test-job';
import { isAsymmetricMatcher } from './values-match';

const INSPECT_OPTIONS = { depth: 6, breakLength: Infinity, compact: true, maxArrayLength: 20, maxStringLength: 200 } as const;
const UNITS: [string, number][] = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A value as a line of a failure message: `{ plan: 'pro' }`, `Any<Number>` for `expect.any(Number)`. */
export function formatValue(value: unknown): string {
  return inspect(readable(value), INSPECT_OPTIONS);
}

/** `WelcomeEmailJob(42, { plan: 'pro' })  queue: mailers  at: 2030-01-01T10:10:00.000Z (in 10m)  priority: 5` */
export function formatJob(job: TestJob): string {
  const parts = [`${job.jobClass}(${job.args.map(formatValue).join(', ')})`, `queue: ${job.queue}`];
  if (job.at) parts.push(`at: ${job.at.toISOString()} (${formatWait(job)})`);
  if (job.priority !== null) parts.push(`priority: ${job.priority}`);
  if (job.executions > 1) parts.push(`run: ${job.executions}`);
  return parts.join('  ');
}

/** A titled, indented list of jobs, or nothing when there are none. */
export function formatJobList(title: string, jobs: readonly TestJob[]): string[] {
  if (jobs.length === 0) return [];
  return [`${title} (${jobs.length}):`, ...jobs.map((job) => `  ${formatJob(job)}`)];
}

/** `10m`, `1h`, `90s`, `1500 ms`: the largest unit that divides the duration exactly. */
export function formatDuration(ms: number): string {
  const unit = UNITS.find(([, size]) => ms !== 0 && ms % size === 0);
  return unit ? `${ms / unit[1]}${unit[0]}` : `${ms} ms`;
}

/** How long after its enqueue a job may run, to the second (the enqueue itself takes a few ms). */
export function waitOf(job: TestJob): number {
  return job.at === null ? 0 : job.at.getTime() - job.enqueuedAt.getTime();
}

function formatWait(job: TestJob): string {
  return waitOf(job) <= 0 ? 'due at enqueue' : `in ${formatWaitOf(job)}`;
}

/** The job's wait to the second, as it was asked for (`5m`, not the `299999 ms` a slow enqueue left). */
export function formatWaitOf(job: TestJob): string {
  const wait = waitOf(job);
  return formatDuration(Math.round(wait / 1_000) * 1_000 || wait);
}

/** ` (only: WelcomeEmailJob, queue: mailers)`, or nothing without options. */
export function formatFilter(options: JobFilterOptions & PerformJobsOptions): string {
  const parts: string[] = [];
  if (options.only !== undefined) parts.push(`only: ${formatJobFilter(options.only)}`);
  if (options.except !== undefined) parts.push(`except: ${formatJobFilter(options.except)}`);
  if (options.queue !== undefined) parts.push(`queue: ${options.queue}`);
  if (options.at !== undefined) parts.push(`at: ${new Date(options.at).toISOString()}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function formatJobFilter(filter: JobFilter): string {
  if (Array.isArray(filter)) return `[${filter.map((type: Function) => type.name).join(', ')}]`;
  return (filter as Function).prototype instanceof ApplicationJob ? (filter as Function).name : 'a predicate';
}

/** Replaces asymmetric matchers (and what contains them) with objects that print as Jest prints them. */
function readable(value: unknown, seen = new Set<object>()): unknown {
  if (isAsymmetricMatcher(value)) return printedAs(describeMatcher(value));
  // Job arguments cannot be functions, so a function here is an expectation's predicate.
  if (typeof value === 'function') return printedAs('<predicate>');
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => readable(item, seen));
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, readable(item, seen)]));
  }
  return value;
}

function describeMatcher(matcher: object): string {
  const described = matcher as { toAsymmetricMatcher?: () => string };
  return typeof described.toAsymmetricMatcher === 'function' ? described.toAsymmetricMatcher() : String(matcher);
}

function printedAs(text: string): object {
  return { [inspect.custom]: () => text };
}
