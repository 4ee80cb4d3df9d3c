// One Node version's share of `npm run bench`: forked by run.ts with that version's binary, stdout on /dev/null.
import 'reflect-metadata';
import type { Row } from './harness';
import { log } from './harness';
import { runLibraryBenchmarks } from './library.bench';
import { type Overhead, runOverheadBreakdown } from './overhead.bench';
import type { NodeRun } from './report';
import { runSignupBenchmarks } from './signup.bench';

export interface SuiteRequest {
  redisUrl: string;
  /** Measurement names (`process.c10`, `latency.`); empty: every one of the parts asked for. */
  names: string[];
  parts: string[];
}

async function main(request: SuiteRequest): Promise<NodeRun> {
  const { redisUrl, names, parts } = request;
  const wanted = (part: string) => (parts.length === 0 && names.length === 0) || parts.includes(part) || (part === 'library' && names.length > 0);
  const rows: Row[] = [];
  const notes: string[] = [];
  let overhead: Overhead | undefined;
  if (wanted('library')) rows.push(...(await runLibraryBenchmarks(redisUrl, names)));
  if (wanted('overhead')) overhead = await runOverheadBreakdown();
  if (wanted('signup')) {
    const signup = await runSignupBenchmarks(redisUrl);
    rows.push(...signup.rows);
    notes.push(...signup.notes);
  }
  return { node: process.version, rows, overhead, notes };
}

process.once('message', (request: SuiteRequest) => {
  log(`Node ${process.version}:`);
  main(request).then(
    (run) => process.send!(run, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
