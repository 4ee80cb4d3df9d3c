// One Node version's share of `npm run bench`: forked by run.ts with that version's binary, stdout on /dev/null.
import 'reflect-metadata';
import type { LibraryStep, Row } from './harness';
import { log, timed, timings } from './harness';
import { runLibraryBenchmarks } from './library.bench';
import { type Overhead, runOverheadBreakdown } from './overhead.bench';
import { runScaleOutBenchmarks } from './scale-out.bench';
import { useNodeSqliteIfNeeded } from './node-sqlite-shim';
import type { NodeRun } from './report';

export interface SuiteRequest {
  redisUrl: string;
  /** The library part's measurements this version takes. */
  steps: LibraryStep[];
  /** The other parts it runs: `overhead`, `signup`. */
  parts: string[];
  /** Part of a full run (signup then skips its diagnostics unless this child also runs scale-out). */
  full: boolean;
  /** Which of the allowed CPUs this version's one-add-at-a-time turns run on, with its redis-server (its index among the versions). */
  cpuSlot: number;
  /** Run the scale-out part (several worker processes): in a full run, on the first Node version only. */
  scale: boolean;
}

async function main(request: SuiteRequest): Promise<NodeRun> {
  const { redisUrl, steps, parts } = request;
  const rows: Row[] = [];
  const notes: string[] = [];
  let overhead: Overhead | undefined;
  if (steps.length > 0) rows.push(...(await runLibraryBenchmarks(redisUrl, steps, request.cpuSlot)));
  if (parts.includes('overhead')) overhead = await timed('overhead', runOverheadBreakdown);
  if (request.scale) notes.push(...(await timed('scale-out', () => runScaleOutBenchmarks(redisUrl))));
  if (parts.includes('signup')) {
    const shimmed = useNodeSqliteIfNeeded();
    // Loaded only now: the demo takes better-sqlite3 (or its stand-in) as it loads.
    const { runSignupBenchmarks } = await import('./signup.bench');
    const signup = await timed('signup', () => runSignupBenchmarks(redisUrl, request.scale || !request.full));
    rows.push(...signup.rows);
    notes.push(...signup.notes);
    if (shimmed) {
      notes.push(
        `On Node ${process.version} the demo's better-sqlite3 (a native addon built for the Node that ran npm ci) cannot load, so its signup rows ` +
          "store users through bench/node-sqlite-shim.ts over Node's built-in node:sqlite: compare deferred with sync within this Node version.",
      );
    }
  }
  return { node: process.version, rows, overhead, notes, timings };
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
