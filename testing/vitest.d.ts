// For TypeScript's node10 resolution, which ignores package.json exports.
export * from '../dist/testing/vitest';
