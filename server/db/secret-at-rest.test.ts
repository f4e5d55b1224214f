import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { createApp } from '../app';
import { hashPassword } from '../users/password';
import { openPgliteDatabase } from './database';
import { insertUser } from './users';

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

test('the data directory never holds a token secret, only its keyed digest', async () => {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'keyline-at-rest-')), 'pgdata');
  const template = new Blob([await readFile(inject('pgTemplatePath'))]);
  const db = await openPgliteDatabase({ dataDir, loadDataDir: template });
  const clock = { now: () => new Date('2030-01-01T00:00:00Z') };
  const app = createApp({ db, clock, config: { hmacSecret: Buffer.alloc(32, 3) } });
  await insertUser(db, { username: 'alice', passwordHash: await hashPassword('pw', { N: 1024, r: 8, p: 1 }), role: 'member', now: clock.now() });

  const signIn = await app.request('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'keyline' },
    body: JSON.stringify({ username: 'alice', password: 'pw' }),
  });
  const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const created = await app.request('/api/api-keys', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'keyline', Cookie: cookie },
    body: JSON.stringify({ name: 'CI', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 }),
  });
  expect(created.status).toBe(201);
  const { secret } = (await created.json()) as { secret: string };
  // Make sure the row really reached the files before looking.
  await db.exec('CHECKPOINT');
  await db.close();

  const body = secret.slice('kl_prod_'.length);
  let files = 0;
  for await (const file of filesUnder(dataDir)) {
    const bytes = await readFile(file);
    expect(bytes.includes(body), file).toBe(false);
    expect(bytes.includes(cookie.split('=')[1] ?? '-'), file).toBe(false);
    files++;
  }
  expect(files).toBeGreaterThan(100);

  // The hint, stored on purpose, is found: the search itself works.
  const hint = Buffer.from(`…${secret.slice(-4)}`);
  let hintFound = false;
  for await (const file of filesUnder(dataDir)) if ((await readFile(file)).includes(hint)) hintFound = true;
  expect(hintFound).toBe(true);
});
