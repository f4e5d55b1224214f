// `npm start`: build the SPA and the server when their sources are newer than the builds, then serve
// the SPA and the API from one process on one port.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist', 'index.html');
// The server, bundled to plain JavaScript with its pure-JavaScript dependencies. Importing it through tsx
// transpiled every module on every start: about a second of a two-second budget. Kept under
// node_modules/.cache so that git and eslint ignore it without configuration.
const builtServer = path.join(root, 'node_modules', '.cache', 'keyline', 'server.mjs');
// Left to Node: PGlite finds its WebAssembly and data files beside its own module, and the server
// loads the rest only when configured (a Postgres server, email, single sign-on). Everything else
// (hono, zod, the node adapter) is one file: resolving and loading their ~300 modules one by one took
// 0.1–0.25 s of the start (start to first answer, 8 interleaved pairs: 1,611 → 1,363 ms median).
const loadedByNode = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'nodemailer', 'openid-client'];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const isStale = (output, sources) =>
  !existsSync(output) || Math.max(...sources.map((p) => newestMtime(path.join(root, p)))) > statSync(output).mtimeMs;

if (isStale(builtIndex, ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'])) {
  console.log('Building the SPA…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server imports src/contract (the shared API contract) and nothing else from src/.
if (isStale(builtServer, ['server', 'src/contract', 'package.json', 'package-lock.json', 'tsconfig.json'])) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'server', 'index.ts')],
    outfile: builtServer,
    bundle: true,
    external: loadedByNode,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // A bundled CommonJS dependency may `require` a Node module: give the ES module output a require.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

process.env.KEYLINE_STATIC_DIR ??= path.join(root, 'dist');
await import(pathToFileURL(builtServer).href);
