import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const apiPort = process.env.KEYLINE_API_PORT ?? '8787';

// .test.ts files that need a DOM: the API client resolves paths against window.location and the tests
// answer through the MSW server that src/testing/setup.ts starts.
const domTests = ['src/lib/api-client.test.ts', 'src/lib/query-client.test.ts'];
const systemTests = 'server/system/**/*.test.ts';
// Server tests run on a real database: PGlite from a migrated template, or DATABASE_URL's Postgres.
const serverTestOptions = {
  globalSetup: ['server/testing/global-setup.ts'],
  // See `isolate` below: each file opens its own database and every test starts from empty tables.
  isolate: false,
  testTimeout: 20_000,
  hookTimeout: 60_000,
};

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss()],
  // react-router's package.json maps every import condition to its development build (invariants,
  // warnings, dev-only checks); a production build takes its production files instead.
  resolve: command === 'build' ? { alias: [{ find: /^react-router$/, replacement: fileURLToPath(import.meta.resolve('react-router')).replace('/development/', '/production/') }] } : {},
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // Every browser Keyline supports has modulepreload: no polyfill in the entry chunk.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the entry loads anyway stays in the entry chunk. Otherwise the pages' shared imports
            // split it into several small files, each compressed on its own (measured: +2 KiB gzip).
            { name: 'index', tags: ['$initial'], priority: 10 },
            // Code shared by lazy pages and dialogs: one chunk per set of importers, as by default, but a
            // set under 2 kB joins its nearest neighbour instead of becoming a file of its own. Over the bench's
            // five pages, 2 kB gave the least JS of the thresholds tried (0, 2, 4, 8, 12, 16 kB) with 9-16 files a
            // first visit; no merging gave 13-23 files and ~1 KiB more; 8 kB, the earlier setting, pulled dialogs
            // into the pages' shared chunks: 5-9 KiB more on every page.
            { name: 'shared', test: /\/src\//, minShareCount: 2, entriesAware: true, entriesAwareMergeThreshold: 2000 },
          ],
        },
      },
    },
  },
  test: {
    // Vitest's default leaves one core for itself: one worker on a 2-core machine. The main process mostly
    // waits, so a worker per core cuts the run nearly in half there.
    maxWorkers: '100%',
    // Every project runs its files one after another in a worker's module graph (`isolate: false`)
    // instead of building a fresh one per file: that rebuild (imports, jsdom, PGlite's WebAssembly)
    // was most of the suite's time, 6.5 of 10 minutes. Nothing in the suite relies on a fresh
    // graph: no module mocks, handlers reset after each test, each server file opens its own
    // database, and the suites pass with their files shuffled.
    projects: [
      {
        // Pure logic: no DOM to build per file, so it runs in Node (STYLE.md, Tests).
        test: {
          name: 'unit',
          environment: 'node',
          isolate: false,
          include: ['src/**/*.test.ts', 'eslint/**/*.test.ts', 'scripts/**/*.test.ts', 'cli/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...domTests],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          environment: 'jsdom',
          isolate: false,
          include: ['src/**/*.test.tsx', ...domTests],
          setupFiles: ['src/testing/setup.ts'],
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          exclude: [...configDefaults.exclude, systemTests],
          ...serverTestOptions,
        },
      },
      {
        // Whole-system properties (fuzz, crash durability, concurrency, two instances): the slowest files, apart.
        test: {
          name: 'system',
          environment: 'node',
          include: [systemTests],
          ...serverTestOptions,
        },
      },
    ],
  },
}));
