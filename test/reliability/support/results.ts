import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/child-app';

const RESULTS_DIR = join(REPO_ROOT, 'test', 'artifacts', 'reliability');

/**
 * Keeps what a scenario measured (timings, counts) in test/artifacts/reliability/ (git-ignored),
 * the numbers behind docs/RELIABILITY.md's table.
 */
export function recordResult(scenario: number, facts: Record<string, string | number | boolean>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, `scenario-${String(scenario).padStart(2, '0')}.json`),
    `${JSON.stringify({ scenario, ...facts, at: new Date().toISOString() }, null, 2)}\n`,
  );
}
