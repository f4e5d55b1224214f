import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { violation } from './import-boundaries.js';

const at = (p: string) => path.resolve(import.meta.dirname, '..', p);

describe('import boundaries', () => {
  it.each([
    ['src/features/tokens/api.ts', 'src/contract/tokens.ts'],
    ['src/features/tokens/components/token-list.tsx', 'src/features/tokens/api.ts'],
    ['src/app/routes/integrations.tsx', 'src/features/tokens/api.ts'],
    ['src/lib/api-client.ts', 'src/contract/errors.ts'],
    ['server/app.ts', 'src/contract/tokens.ts'],
    ['cli/commands/login.ts', 'src/contract/device.ts'],
    ['src/features/tokens/components/token-list.test.tsx', 'src/testing/render.tsx'],
  ])('allows %s → %s', (from, to) => {
    expect(violation(at(from), at(to))).toBeNull();
  });

  it.each([
    ['src/features/tokens/api.ts', 'src/features/auth/api.ts', 'a feature never imports another feature'],
    ['src/lib/api-client.ts', 'src/features/tokens/api.ts', 'lib may not import feature:tokens'],
    ['src/contract/tokens.ts', 'src/lib/api-client.ts', 'contract may not import lib'],
    ['server/app.ts', 'src/lib/api-client.ts', 'server may not import lib'],
    ['cli/client.ts', 'src/lib/api-client.ts', 'cli may not import lib'],
    ['cli/client.ts', 'server/errors.ts', 'cli may not import server'],
    ['src/features/tokens/api.ts', 'src/app/router.tsx', 'feature:tokens may not import app'],
    ['src/features/tokens/api.ts', 'src/testing/handlers.ts', 'only tests may import src/testing'],
  ])('refuses %s → %s', (from, to, why) => {
    expect(violation(at(from), at(to))).toBe(why);
  });
});
