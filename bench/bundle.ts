// Bundle: gzip size of the JavaScript a first visit to each page loads, against a minimal app on
// the same framework, both built here with the project's Vite config (plugins included).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import { metric, root, type Metric } from './lib';

const budgetRatio = 1.2;
const pages = [
  { url: '/account/integrations', module: 'src/app/routes/integrations.tsx' },
  { url: '/settings/api-tokens', module: 'src/app/routes/api-tokens-settings.tsx' },
  { url: '/settings/members', module: 'src/app/routes/members-settings.tsx' },
  { url: '/account/integrations/tokens/:id', module: 'src/app/routes/token-detail.tsx' },
  { url: '/activate', module: 'src/app/routes/activate.tsx' },
];

async function buildWithManifest(appRoot: string, outDir: string): Promise<Manifest> {
  await build({
    root: appRoot,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true, manifest: true, copyPublicDir: false },
  });
  return JSON.parse(await readFile(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The chunk files of `keys` and everything they import statically (what the browser fetches before running them). */
function staticClosure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`"${key}" is not in the build manifest`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

async function gzipBytes(outDir: string, files: Iterable<string>): Promise<number> {
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(path.join(outDir, file)), { level: 9 }).length;
  return total;
}

const entryKey = (manifest: Manifest) => {
  const key = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!key) throw new Error('no entry in the build manifest');
  return key;
};

export async function benchBundle(): Promise<Metric[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'keyline-bench-bundle-'));
  try {
    const minimalOut = path.join(tmp, 'minimal');
    const minimalManifest = await buildWithManifest(path.join(root, 'bench', 'minimal-app'), minimalOut);
    const minimal = await gzipBytes(minimalOut, staticClosure(minimalManifest, [entryKey(minimalManifest)]));

    const appOut = path.join(tmp, 'app');
    const manifest = await buildWithManifest(root, appOut);
    const entry = entryKey(manifest);
    const entrySize = await gzipBytes(appOut, [manifest[entry]!.file]);
    const results: Metric[] = [];
    for (const page of pages) {
      const routeKey = manifest[page.module] ? page.module : null;
      const files = staticClosure(manifest, routeKey ? [entry, routeKey] : [entry]);
      const size = await gzipBytes(appOut, files);
      results.push(
        metric({
          name: `bundle ${page.url} (JS, gzip)`,
          value: size / 1024,
          unit: 'KiB',
          budget: `≤ ${budgetRatio}× minimal app`,
          baseline: minimal / 1024,
          pass: size <= budgetRatio * minimal,
          note: `${files.size} files, the entry chunk ${(entrySize / 1024).toFixed(1)} KiB of them${routeKey ? '' : '; the page is not a separate chunk'}`,
        }),
      );
    }
    return results;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
