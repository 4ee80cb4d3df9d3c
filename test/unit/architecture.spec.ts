import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LIBRARY = join(ROOT, 'src', 'active-job');
const DEMO = join(ROOT, 'src', 'demo');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative import targets of a file, resolved to absolute paths. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/from '(\.[^']+)'/g)].map((match) => resolve(dirname(file), match[1]));
}

function packageImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/from '([^.][^']*)'/g)].map((match) => match[1]);
}

describe('architecture', () => {
  it('keeps the library free of the demo', () => {
    const offenders = sourceFiles(LIBRARY).filter((file) => relativeImports(file).some((target) => target.startsWith(DEMO)));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('lets the demo use the library only through its public entry points', () => {
    const entryPoints = [
      LIBRARY,
      join(LIBRARY, 'index'),
      join(LIBRARY, 'testing'),
      join(LIBRARY, 'testing', 'index'),
      join(LIBRARY, 'mailer'),
      join(LIBRARY, 'mailer', 'index'),
    ];
    const offenders = sourceFiles(DEMO).flatMap((file) =>
      relativeImports(file)
        .filter((target) => target.startsWith(LIBRARY) && !entryPoints.includes(target))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never loads the testing entry point or Jest from production code', () => {
    const production = sourceFiles(LIBRARY).filter((file) => !file.startsWith(join(LIBRARY, 'testing')));
    const offenders = production.filter(
      (file) =>
        relativeImports(file).some((target) => target.startsWith(join(LIBRARY, 'testing'))) ||
        packageImports(file).some((pkg) => /^(@jest\/|jest|expect$)/.test(pkg)),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('declares the main and testing entry points in package.json exports, built from existing sources', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './testing/jest', './testing/vitest', './mailer', './package.json']);
    for (const name of ['.', './testing', './testing/jest', './testing/vitest', './mailer']) {
      const entry = pkg.exports[name];
      const source = entry.default.replace(/^\.\/dist\//, 'src/active-job/').replace(/\.js$/, '.ts');
      expect(existsSync(join(ROOT, source))).toBe(true);
      expect(entry.types).toBe(entry.default.replace(/\.js$/, '.d.ts'));
    }
  });

  // Every range declared here is installed and run by test/consumers/consumer-matrix.spec.ts; a range nothing runs is not declared.
  it('declares the Nest peer ranges the consumer matrix runs: 11 and 12', () => {
    const { peerDependencies, engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const pkg of ['@nestjs/common', '@nestjs/core', '@nestjs/bull']) expect(peerDependencies[pkg]).toBe('^11 || ^12');
    expect(peerDependencies.ioredis).toBe('^5');
    expect(engines.node).toBe('^20.19.0 || >=22.12.0');
  });

  // Callers catch the library's errors as one family (docs/retries-and-errors.md); the public API spec checks the
  // exported classes, this one every class and every throw, exported or not.
  it('throws only errors of the ActiveJobError family', () => {
    const builtIn = /\bnew (Error|TypeError|RangeError|SyntaxError|ReferenceError|AggregateError)\(/;
    const bases = new Map<string, string>();
    const builtInThrows: string[] = [];
    for (const file of sourceFiles(LIBRARY)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/class (\w+) extends (\w+)/g)) if (match[1].endsWith('Error')) bases.set(match[1], match[2]);
      source.split('\n').forEach((line, index) => {
        if (builtIn.test(line) && !/^\s*(\*|\/\/)/.test(line)) builtInThrows.push(`${relative(ROOT, file)}:${index + 1}`);
      });
    }
    const family = (name: string, seen = new Set<string>()): boolean =>
      name === 'ActiveJobError' || (bases.has(name) && !seen.has(name) && family(bases.get(name)!, seen.add(name)));
    expect(bases.size).toBeGreaterThan(15);
    expect([...bases.keys()].filter((name) => name !== 'ActiveJobError' && !family(name))).toEqual([]);
    expect(builtInThrows).toEqual([]);
  });

  // Layering: application-job → enqueuing → execution → adapters, never back; type imports count too.
  it('has no import cycle in the library, type-only imports included', () => {
    const files = sourceFiles(LIBRARY);
    const resolveImport = (target: string) => [`${target}.ts`, join(target, 'index.ts')].find((candidate) => files.includes(candidate));
    const graph = new Map(
      files.map((file) => [
        file,
        relativeImports(file)
          .map(resolveImport)
          .filter((target): target is string => !!target),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((step) => relative(LIBRARY, step)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
