// Enforces the one-way import flow of STYLE.md:
// contract → lib/components → features → app, a feature never imports another feature,
// and server/** and cli/** see nothing of src/ but src/contract/** (and cli/** nothing of server/**).
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Which layer a repository file belongs to, or null when the rule has nothing to say. */
export function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const feature = /^src\/features\/([^/]+)\//.exec(rel);
  if (feature) return `feature:${feature[1]}`;
  for (const [prefix, layer] of [
    ['src/contract/', 'contract'],
    ['src/lib/', 'lib'],
    ['src/components/', 'components'],
    ['src/app/', 'app'],
    ['src/testing/', 'testing'],
    ['src/', 'entry'],
    ['server/', 'server'],
    ['cli/', 'cli'],
    ['e2e/', 'e2e'],
  ]) {
    if (rel.startsWith(prefix)) return layer;
  }
  return null;
}

const isTest = (file) => /\.test\.tsx?$/.test(file) || /\/(testing)\//.test(file);

/** Why `from` may not import `to`, or null when it may. */
export function violation(fromFile, toFile) {
  const from = layerOf(fromFile);
  const to = layerOf(toFile);
  if (!from || !to || from === to) return null;
  if (to === 'testing') return isTest(fromFile) || from === 'entry' ? null : 'only tests may import src/testing';
  const allowed = {
    contract: [],
    lib: ['contract'],
    components: ['contract', 'lib'],
    app: ['contract', 'lib', 'components', 'feature:*'],
    entry: ['contract', 'lib', 'components', 'feature:*', 'app'],
    testing: ['contract', 'lib', 'components', 'feature:*', 'app'],
    server: ['contract'],
    cli: ['contract'],
    e2e: ['contract'],
  };
  const list = from.startsWith('feature:') ? ['contract', 'lib', 'components'] : allowed[from];
  const ok = list.some((l) => l === to || (l === 'feature:*' && to.startsWith('feature:')));
  if (ok) return null;
  if (from.startsWith('feature:') && to.startsWith('feature:')) return 'a feature never imports another feature';
  return `${from} may not import ${to}`;
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports flowing one way between the layers of STYLE.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      // A contract test may import its test runner; the contract itself ships to the SPA with zod alone.
      if (layerOf(file) === 'contract' && !isTest(file) && !source.startsWith('.') && source !== 'zod' && source !== 'zod/mini') {
        context.report({ node, message: 'src/contract imports only zod' });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const why = violation(file, target);
      if (why) context.report({ node, message: `Import boundary: ${why} (${source})` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export const keylinePlugin = { rules: { 'import-boundaries': importBoundaries } };
