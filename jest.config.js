/**
 * Tiers, each a Jest project: `npm test` runs them all; `npm run test:lib` (the library, fast),
 * `test:docs`, `test:e2e` and `test:reliability` run one (`jest --selectProjects lib e2e` for several).
 * A new folder under test/ belongs to `lib` unless a tier below claims it.
 * @type {import('jest').Config}
 */
const tiers = {
  docs: ['test/docs/'],
  e2e: ['test/demo/', 'test/examples/', 'test/consumers/'],
  reliability: ['test/reliability/', 'test/scale/'],
};
// The consumer apps' own specs run inside those apps, under their own Jest or Vitest.
const ignored = ['/node_modules/', '<rootDir>/test/consumers/app/'];

const project = (displayName, testMatch, testPathIgnorePatterns = []) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  testPathIgnorePatterns: [...ignored, ...testPathIgnorePatterns],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
});

module.exports = {
  rootDir: '.',
  projects: [
    project('lib', ['<rootDir>/test/**/*.spec.ts'], Object.values(tiers).flat().map((dir) => `<rootDir>/${dir}`)),
    ...Object.entries(tiers).map(([name, dirs]) => project(name, dirs.map((dir) => `<rootDir>/${dir}**/*.spec.ts`))),
  ],
  // One redis-server for the whole run, whichever tiers run.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
};
