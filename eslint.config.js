import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { keylinePlugin } from './eslint/import-boundaries.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'public/mockServiceWorker.js', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { keyline: keylinePlugin },
    rules: {
      'keyline/import-boundaries': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Named exports only (STYLE.md); config files are the exception their tools require.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Type-aware rules, only where our own TypeScript runs (config files and plain scripts stay untyped:
    // no program to build for them). A promise nobody awaits loses its errors and races what follows;
    // in a Playwright spec it is an assertion that never ran.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'cli/**/*.ts', 'e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // TanStack Query's rules, strict set: complete query keys, a stable client, options through
    // queryOptions() factories (STYLE.md, Query layer).
    files: ['src/**/*.{ts,tsx}'],
    ...pluginQuery.configs['flat/recommended-strict'][0],
  },
);
