import { formatFilter, formatJob, formatJobList } from './format-jobs';
import { formatExpectation, type JobExpectation, mismatches } from './job-expectation';
import type { JobFilterOptions } from './job-filter';
import type { TestJob } from './test-job';

/** Which list an assertion read, and what else a failure message should show. */
export interface AssertionScope {
  kind: 'enqueued' | 'performed';
  /** The assertion watched a callback: only what it added counts. */
  duringCallback: boolean;
  /** For performed-job assertions: the jobs still waiting, a likely reason for the failure. */
  stillEnqueued: readonly TestJob[];
}

/** `Expected 2 jobs enqueued (only: WelcomeEmailJob), but found 1.` and the jobs counted and left out. */
export function countFailure(
  scope: AssertionScope,
  expected: number,
  options: JobFilterOptions,
  jobs: readonly TestJob[],
  select: (job: TestJob) => boolean,
): string {
  const { kind } = scope;
  const during = scope.duringCallback ? ' during the callback' : '';
  const filter = formatFilter(options);
  const counted = jobs.filter(select);
  const lines = [`Expected ${jobCount(expected)} ${kind}${during}${filter}, but found ${counted.length}.`];
  if (jobs.length === 0) lines.push(`No jobs were ${kind}${during}.`);
  else if (filter === '') lines.push(...formatJobList(`${capitalize(kind)} jobs${during}`, jobs));
  else
    lines.push(
      ...formatJobList('Counted', counted),
      ...formatJobList(
        'Not counted (filtered out)',
        jobs.filter((job) => !select(job)),
      ),
    );
  return [...lines, ...stillEnqueued(scope)].join('\n');
}

/** `No WelcomeEmailJob enqueued matches {…}.`, a field-by-field diff against each job of the class, and the others. */
export function noMatchFailure(scope: AssertionScope, jobClass: string, expectation: JobExpectation, jobs: readonly TestJob[]): string {
  const { kind } = scope;
  const during = scope.duringCallback ? ' during the callback' : '';
  const sameClass = jobs.filter((job) => job.jobClass === jobClass);
  const lines = [`No ${jobClass} ${kind}${during} matches ${formatExpectation(expectation)}.`];
  if (sameClass.length === 0) lines.push(`${jobClass} was not ${kind}${during}.`);
  else {
    lines.push(`${capitalize(kind)} ${jobClass} jobs (${sameClass.length}), - expected + received:`);
    for (const job of sameClass) {
      lines.push(`  ${formatJob(job)}`);
      for (const { key, expected, received } of mismatches(job, expectation)) lines.push(`    - ${key}: ${expected}`, `    + ${key}: ${received}`);
    }
  }
  lines.push(
    ...formatJobList(
      `Other ${kind} jobs${during}`,
      jobs.filter((job) => job.jobClass !== jobClass),
    ),
  );
  return [...lines, ...stillEnqueued(scope)].join('\n');
}

function stillEnqueued(scope: AssertionScope): string[] {
  return scope.kind === 'performed' ? formatJobList('Still enqueued, not performed', scope.stillEnqueued) : [];
}

function jobCount(count: number): string {
  if (count === 0) return 'no jobs';
  return count === 1 ? '1 job' : `${count} jobs`;
}

function capitalize(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}
