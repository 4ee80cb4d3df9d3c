// @ts-check
// As Nest projects lint: eslint and typescript-eslint's type-checked rules, floating promises an error (a promise
// nobody awaits or voids is how a job's failure goes unseen). Formatting is Prettier's (`npm run format`), so
// eslint-config-prettier turns off the rules that would argue with it.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['eslint.config.mjs', 'dist/', 'coverage/', 'var/', 'test/artifacts/', '**/*.js', '**/*.d.ts'],
  },
  // The consumer apps are built by their own toolchains, against the packed library.
  { ignores: ['test/consumers/app/', 'test/consumers/nest11-cjs-jest/', 'test/consumers/nest12-esm-vitest/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      sourceType: 'commonjs',
      parserOptions: { project: './tsconfig.spec.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The rules of Nest's own repository (nestjs/nest, a decorator-and-metadata library like this one), which turns
    // off the no-unsafe-* family (class constructors as metadata keys, `any` at the edges), with floating and
    // misused promises as errors, and unused variables reported.
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // Rethrowing what was caught, and throwAbort()'s halt signal, which is deliberately not an Error.
      '@typescript-eslint/only-throw-error': 'off',
      // Patterns that match printed output read best with its spaces as printed.
      'no-regex-spaces': 'off',
      // A union that names the special strings of a string type documents them: `Duration | 'polynomiallyLonger'`.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // A type augmentation is an empty interface extending the one to merge (testing/jest.ts, testing/vitest.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
