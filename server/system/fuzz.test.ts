import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import type { z } from 'zod/mini';
import { adminApiKeyListSchema, bulkRevokeResponseSchema } from '../../src/contract/admin';
import { errorEnvelopeSchema } from '../../src/contract/errors';
import { apiKeyEventListSchema, tokenCheckResponseSchema } from '../../src/contract/lifecycle';
import { defaultPolicy, policySchema } from '../../src/contract/policy';
import { apiKeyListSchema, apiKeySchema, createApiKeyResponseSchema } from '../../src/contract/tokens';
import { meResponseSchema, signInResponseSchema } from '../../src/contract/users';
import { useTestApp } from '../testing/test-app';
import { generateSecret } from '../tokens/secrets';

/**
 * Property-based fuzz of every endpoint: whatever the body, headers, path id, query or token, as
 * anyone, the answer is a 2xx or a 4xx in the contract's shape — never a 5xx — and a 4xx changes no row.
 * The properties hold with or without CSRF checks, rate limits and a body limit in front: those
 * answer 4xx, which is allowed; only the shape and "nothing changed" are asserted for a 4xx.
 */

const t = useTestApp();

// Bounded so the whole file stays around 30 s on a shared machine (FUZZ_RUNS=1000 for a deeper local run);
// fast-check prints the seed and the shrunk case on failure.
const runs = Number(process.env.FUZZ_RUNS ?? 100);
// Sign-in with a well-formed body runs a full-cost scrypt against the dummy hash: fewer runs.
const signInRuns = Math.ceil(runs / 2);

const casesRun: Record<string, number> = {};
const statusesSeen: Record<string, number> = {};
afterAll(() => {
  const total = Object.values(casesRun).reduce((sum, n) => sum + n, 0);
  console.info(`fuzz: ${total} cases over ${Object.keys(casesRun).length} endpoints`, casesRun, 'statuses', statusesSeen);
});

// ---------------------------------------------------------------------------------------------
// The world each property runs in: three users with sessions and tokens, one token revoked.

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const member = await t.signedInUser('member');
  const admin = await t.signedInUser('root', 'admin');
  const other = await t.signedInUser('other');
  const memberToken = await t.createToken(member.cookie, { name: 'member token' });
  const adminToken = await t.createToken(admin.cookie, { name: 'admin token', environment: 'development' });
  const otherToken = await t.createToken(other.cookie, { name: 'other token', environment: 'staging' });
  const revokedToken = await t.createToken(member.cookie, { name: 'revoked token' });
  const revoked = await t.app.request(`/api/api-keys/${revokedToken.apiKey.id}`, {
    method: 'DELETE',
    headers: { Cookie: member.cookie, 'X-Requested-With': 'keyline' },
  });
  expect(revoked.status).toBe(204);
  return {
    cookies: { member: member.cookie, admin: admin.cookie, other: other.cookie },
    ids: { member: memberToken.apiKey.id, admin: adminToken.apiKey.id, other: otherToken.apiKey.id, revoked: revokedToken.apiKey.id },
    secrets: { member: memberToken.secret, admin: adminToken.secret, other: otherToken.secret, revoked: revokedToken.secret },
  };
}

type Ref = 'member' | 'admin' | 'other' | 'revoked';
const refArb = fc.constantFrom<Ref>('member', 'admin', 'other', 'revoked');

// ---------------------------------------------------------------------------------------------
// Token-shaped strings: real secrets, real secrets with one mutation, and look-alikes.

type Mutation = { op: 'replace' | 'drop' | 'insert' | 'truncate' | 'swapCase' | 'append' | 'prefix'; at: number; char: string };
type TokenCase = { ref: Ref; mutation?: Mutation } | { raw: string } | { unknownValid: string };

const base62Char = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-');
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('replace', 'drop', 'insert', 'truncate', 'swapCase', 'append', 'prefix'),
  at: fc.nat(),
  char: fc.oneof(base62Char, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 })),
});

function mutate(secret: string, { op, at, char }: Mutation): string {
  const i = at % secret.length;
  switch (op) {
    case 'replace':
      return secret.slice(0, i) + char + secret.slice(i + 1);
    case 'drop':
      return secret.slice(0, i) + secret.slice(i + 1);
    case 'insert':
      return secret.slice(0, i) + char + secret.slice(i);
    case 'truncate':
      return secret.slice(0, i);
    case 'swapCase': {
      const c = secret.charAt(i);
      return secret.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + secret.slice(i + 1);
    }
    case 'append':
      return secret + char;
    case 'prefix':
      return char + secret;
  }
}

const tokenArb: fc.Arbitrary<TokenCase> = fc.oneof(
  refArb.map((ref) => ({ ref })),
  fc.record({ ref: refArb, mutation: mutationArb }),
  // kl_<tag>_<body>: the right shape, random content (almost always a bad checksum).
  fc
    .tuple(fc.string({ unit: base62Char, maxLength: 10 }), fc.string({ unit: base62Char, maxLength: 40 }))
    .map(([tag, body]) => ({ raw: `kl_${tag}_${body}` })),
  // A well-formed secret with a valid checksum that was never issued: it reaches the database.
  fc.constantFrom('dev', 'stg', 'prod', 'zz', 'abcdefgh').map((tag) => ({ unknownValid: tag })),
  fc.string({ unit: 'binary', maxLength: 80 }).map((raw) => ({ raw })),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((raw) => ({ raw })),
);

function tokenOf(world: World, token: TokenCase): string {
  if ('raw' in token) return token.raw;
  if ('unknownValid' in token) return generateSecret('kl', token.unknownValid);
  const secret = world.secrets[token.ref];
  return token.mutation ? mutate(secret, token.mutation) : secret;
}

// ---------------------------------------------------------------------------------------------
// Callers and headers.

type CallerCase = 'anonymous' | 'member' | 'admin' | 'other' | 'memberToken' | 'adminToken' | 'fuzzedToken' | 'junkCookie';
// Weighted towards signed-in sessions, so most cases get past authentication to the handlers.
const callerArb = fc.oneof(
  { arbitrary: fc.constantFrom<CallerCase>('member', 'admin'), weight: 6 },
  { arbitrary: fc.constantFrom<CallerCase>('anonymous', 'other', 'memberToken', 'adminToken', 'junkCookie'), weight: 3 },
  { arbitrary: fc.constant<CallerCase>('fuzzedToken'), weight: 2 },
);

// Header values as a client could send them: any byte except NUL, CR and LF (fetch refuses those).
const headerValueArb = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});
const headerNameArb = fc.constantFrom(
  'Authorization',
  'Cookie',
  'Content-Type',
  'X-Requested-With',
  'X-Api-Key',
  'X-Forwarded-For',
  'X-Real-IP',
  'User-Agent',
  'Accept',
  'Origin',
  'Referer',
  'X-Keyline-Fuzz',
);
const authorizationFormArb = fc.constantFrom(
  (s: string) => `Bearer ${s}`,
  (s: string) => `bearer ${s}`,
  (s: string) => `Bearer   ${s}  `,
  (s: string) => `Basic ${s}`,
  (s: string) => s,
  (s: string) => `Bearer ${s} ${s}`,
  () => 'Bearer',
  () => '',
);

type HeaderCase = {
  caller: CallerCase;
  token: TokenCase;
  authorizationForm: (secret: string) => string;
  extra: [string, string][];
  /** Leave out the CSRF header that browsers of ours always send. */
  dropRequestedWith: boolean;
};

const headerCaseArb: fc.Arbitrary<HeaderCase> = fc.record({
  caller: callerArb,
  token: tokenArb,
  authorizationForm: authorizationFormArb,
  extra: fc.array(fc.tuple(headerNameArb, headerValueArb), { maxLength: 3 }),
  // Mostly sent, so CSRF (once there) does not turn most state-changing cases into the same 403.
  dropRequestedWith: fc.nat(9).map((n) => n === 0),
});

function headersOf(world: World, h: HeaderCase): Headers | null {
  const headers = new Headers();
  if (!h.dropRequestedWith) headers.set('X-Requested-With', 'keyline');
  try {
    for (const [name, value] of h.extra) headers.append(name, value);
    if (h.caller === 'member' || h.caller === 'admin' || h.caller === 'other') headers.set('Cookie', world.cookies[h.caller]);
    if (h.caller === 'junkCookie') headers.set('Cookie', `keyline_session=${tokenOf(world, h.token)}`);
    if (h.caller === 'memberToken') headers.set('Authorization', `Bearer ${world.secrets.member}`);
    if (h.caller === 'adminToken') headers.set('Authorization', `Bearer ${world.secrets.admin}`);
    if (h.caller === 'fuzzedToken') headers.set('Authorization', h.authorizationForm(tokenOf(world, h.token)));
  } catch {
    return null; // a value fetch itself refuses (e.g. a non-Latin-1 token): no request to send
  }
  return headers;
}

// ---------------------------------------------------------------------------------------------
// Path ids.

type IdCase = { ref: Ref } | { raw: string; encode: boolean };
const idArb: fc.Arbitrary<IdCase> = fc.oneof(
  refArb.map((ref) => ({ ref })),
  fc.record({
    raw: fc.oneof(
      fc.uuid(),
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('../', '..', '.', '../../admin/api-keys', '..%2F..%2Fpolicy', '%2e%2e', '%00', '%', '%ZZ', 'a/b', '?status=all', '#x', ' ', '', "' OR 1=1 --", 'x'.repeat(5000)),
    ),
    encode: fc.boolean(),
  }),
);

function idOf(world: World, id: IdCase): string | null {
  if ('ref' in id) return world.ids[id.ref];
  if (!id.encode) return id.raw;
  try {
    return encodeURIComponent(id.raw);
  } catch {
    return null; // a lone surrogate cannot be encoded: no URL to send
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies: arbitrary JSON, arbitrary text, and near-valid bodies with one field mutated.

type BodyCase = { json: unknown } | { text: string; contentType: string } | { none: true };

const contentTypeArb = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', '');

const anyJsonArb: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.jsonValue().map((json) => ({ json })),
  // fc.anything() reaches values JSON cannot say (undefined, -0, Map…); JSON.stringify decides what is sent.
  fc.anything().map((value) => ({ text: safeStringify(value), contentType: 'application/json' })),
  fc.record({ text: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), contentType: contentTypeArb }),
  fc.constant<BodyCase>({ none: true }),
);

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(Object.prototype.toString.call(value));
  }
}

/** A valid body with one field replaced by anything, removed, or one unknown field added. */
function nearValid(base: Record<string, unknown>, extraFields: string[] = []): fc.Arbitrary<BodyCase> {
  const fields = [...Object.keys(base), ...extraFields, 'unknownField', '__proto__', 'constructor'];
  return fc
    .record({
      field: fc.constantFrom(...fields),
      value: fc.oneof(
        fc.jsonValue(),
        fc.string({ unit: 'grapheme', maxLength: 120 }),
        fc.integer(),
        fc.double(),
        fc.constant(undefined),
      ),
    })
    .map(({ field, value }) => {
      const body: Record<string, unknown> = { ...base };
      // defineProperty, so "__proto__" becomes a real own key in the JSON rather than a prototype change.
      Object.defineProperty(body, field, { value, enumerable: true, configurable: true, writable: true });
      return { json: body };
    });
}

const validCreate = { name: 'fuzz token', environment: 'production', scopes: ['read:projects'], expiresInDays: 30 };
const validPolicy = {
  defaultLifetimeDays: defaultPolicy.defaultLifetimeDays,
  maxLifetimeDays: defaultPolicy.maxLifetimeDays,
  environments: defaultPolicy.environments,
  defaultEnvironment: defaultPolicy.defaultEnvironment,
  allowedScopesByEnvironment: defaultPolicy.allowedScopesByEnvironment,
  maxActiveTokensPerUser: defaultPolicy.maxActiveTokensPerUser,
};

// Query strings: known keys with valid, odd and hostile values, unknown keys, and raw text.
const queryKeyArb = fc.oneof(
  fc.constantFrom('status', 'environment', 'q', 'sort', 'order', 'owner', 'neverUsed', 'unusedForDays', 'expiringWithinDays', 'nullsFirst', 'limit', 'cursor'),
  fc.string({ maxLength: 10 }),
);
const queryValueArb = fc.oneof(
  fc.constantFrom('active', 'revoked', 'expired', 'all', 'asc', 'desc', 'lastUsedAt', 'createdAt', 'name', 'true', 'false', '1', '0', '-1', '3650', '3651', '1e309', 'NaN', '200', '201', 'production'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.base64String({ maxLength: 80 }),
  fc.constant('x'.repeat(600)),
);
const queryArb = fc.oneof(
  fc.array(fc.tuple(queryKeyArb, queryValueArb), { maxLength: 4 }).map((pairs) => {
    const params = new URLSearchParams(pairs);
    return params.size ? `?${params.toString()}` : '';
  }),
  fc.string({ maxLength: 30 }).map((raw) => `?${raw}`),
);

// ---------------------------------------------------------------------------------------------
// The property.

// Rows a 4xx must leave alone. Left out on purpose: token-use bookkeeping (lastUsed*, first use,
// rejected attempts, previous-secret use counts), which records that a token was presented even when
// the request itself is then refused; and session expiry, which may slide on activity.
const snapshotSql = `
  SELECT md5(concat_ws('|',
    (SELECT string_agg(concat_ws(',', id, username, password_hash, role), ';' ORDER BY id) FROM users),
    (SELECT string_agg(concat_ws(',', encode(id_hash, 'hex'), user_id), ';' ORDER BY id_hash) FROM sessions),
    (SELECT string_agg(concat_ws(',', id, owner_id, name, active_name, description, environment, scopes::text,
       encode(digest, 'hex'), hint, created_at, expires_at, revoked_at, revoked_by), ';' ORDER BY id) FROM api_keys),
    (SELECT string_agg(concat_ws(',', api_key_id, encode(digest, 'hex'), rotated_at, valid_until), ';' ORDER BY api_key_id)
       FROM api_key_previous_secrets),
    (SELECT string_agg(concat_ws(',', id, api_key_id, type, actor_id, at, grace_period, reason), ';' ORDER BY id)
       FROM api_key_events WHERE type NOT IN ('first_used', 'rejected')),
    (SELECT string_agg(concat_ws(',', policy::text, updated_at, updated_by), ';') FROM token_policies)
  )) AS hash`;

async function snapshot(): Promise<string> {
  const [row] = await t.db.query<{ hash: string }>(snapshotSql);
  return row?.hash ?? '';
}

type Endpoint = {
  label: string;
  method: string;
  /** The 2xx body's contract schema; null = no body (204). */
  ok: z.ZodMiniType | null;
};

type Case = { path: string | null; headers: HeaderCase; body: BodyCase };

async function runCase(world: World, endpoint: Endpoint, c: Case): Promise<void> {
  const headers = headersOf(world, c.headers);
  if (c.path === null || headers === null) return;
  let body: string | undefined;
  if ('json' in c.body) {
    body = safeStringify(c.body.json);
    if (!c.headers.extra.some(([name]) => name === 'Content-Type')) headers.set('Content-Type', 'application/json');
  } else if ('text' in c.body) {
    body = c.body.text;
    if (c.body.contentType) headers.set('Content-Type', c.body.contentType);
  }
  let request: Request;
  try {
    request = new Request(`http://localhost${c.path}`, { method: endpoint.method, headers, body: endpoint.method === 'GET' ? undefined : body });
  } catch {
    return; // a URL fetch refuses: nothing reaches the server
  }
  casesRun[endpoint.label] = (casesRun[endpoint.label] ?? 0) + 1;

  // A new rate-limit window for every case: otherwise the first few dozen failures would turn every
  // later case into the same 429 and the fuzz would stop reaching the handlers. Tokens last 30 days.
  t.clock.advance(61_000);
  const before = await snapshot();
  const res = await t.app.request(request);
  statusesSeen[res.status] = (statusesSeen[res.status] ?? 0) + 1;
  const text = await res.text();
  const where = `${endpoint.method} ${c.path} → ${res.status} ${text.slice(0, 300)}`;

  expect(res.status, where).toBeGreaterThanOrEqual(200);
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    expect(errorEnvelopeSchema.safeParse(JSON.parse(text)).success, where).toBe(true);
    expect(await snapshot(), `a ${res.status} changed rows: ${where}`).toBe(before);
    return;
  }
  expect(res.status, where).toBeLessThan(300);
  if (endpoint.ok === null || res.status === 204) {
    expect(text, where).toBe('');
  } else {
    expect(endpoint.ok.safeParse(JSON.parse(text)).success, where).toBe(true);
  }
}

const idPath = (suffix: string) => (world: World, id: IdCase) => {
  const encoded = idOf(world, id);
  return encoded === null ? null : `/api/api-keys/${encoded}${suffix}`;
};

/** A path arbitrary and how to resolve it: real ids only exist once the test has built its world. */
function withPath<T>(arb: fc.Arbitrary<T>, path: (world: World, value: T) => string | null) {
  return { arb, path };
}

describe('fuzz: every endpoint answers 2xx or 4xx, and a 4xx changes nothing', () => {
  const bodyless: BodyCase = { none: true };

  test('POST /api/session', async () => {
    const body = fc.oneof(anyJsonArb, nearValid({ username: 'member', password: 'member-password' }));
    await fuzzWith({ label: 'POST /api/session', method: 'POST', ok: signInResponseSchema }, body, signInRuns);
  });

  test('DELETE /api/session', async () => {
    await fuzzWith({ label: 'DELETE /api/session', method: 'DELETE', ok: null }, fc.oneof(anyJsonArb, fc.constant(bodyless)));
  });

  test('GET /api/auth/me', async () => {
    await fuzzWith({ label: 'GET /api/auth/me', method: 'GET', ok: meResponseSchema }, fc.constant(bodyless));
  });

  test('GET /api/api-keys', async () => {
    const q = withPath(queryArb, (_world, query) => `/api/api-keys${query}`);
    await fuzzWith({ label: 'GET /api/api-keys', method: 'GET', ok: apiKeyListSchema }, fc.constant(bodyless), runs, q);
  });

  test('POST /api/api-keys', async () => {
    const body = fc.oneof(
      anyJsonArb,
      nearValid(validCreate, ['description', 'expiresAt']),
      // Valid bodies with any name (unicode, duplicates, blanks): creates that succeed, and names taken.
      fc.string({ unit: 'grapheme', maxLength: 110 }).map((name) => ({ json: { ...validCreate, name } })),
    );
    await fuzzWith({ label: 'POST /api/api-keys', method: 'POST', ok: createApiKeyResponseSchema }, body);
  });

  test('GET /api/api-keys/:id', async () => {
    const p = withPath(idArb, idPath(''));
    await fuzzWith({ label: 'GET /api/api-keys/:id', method: 'GET', ok: apiKeySchema }, fc.constant(bodyless), runs, p);
  });

  test('DELETE /api/api-keys/:id', async () => {
    const p = withPath(idArb, idPath(''));
    await fuzzWith({ label: 'DELETE /api/api-keys/:id', method: 'DELETE', ok: null }, anyJsonArb, runs, p);
  });

  test('POST /api/api-keys/:id/rotate', async () => {
    const p = withPath(idArb, idPath('/rotate'));
    const body = fc.oneof(anyJsonArb, nearValid({ gracePeriod: '1h' }), fc.constantFrom('none', '1h', '24h', '7d').map((gracePeriod) => ({ json: { gracePeriod } })));
    await fuzzWith({ label: 'POST /api/api-keys/:id/rotate', method: 'POST', ok: createApiKeyResponseSchema }, body, runs, p);
  });

  test('POST /api/api-keys/:id/rotate/cut-off', async () => {
    const p = withPath(idArb, idPath('/rotate/cut-off'));
    await fuzzWith({ label: 'POST /api/api-keys/:id/rotate/cut-off', method: 'POST', ok: null }, anyJsonArb, runs, p);
  });

  test('GET /api/api-keys/:id/events', async () => {
    const p = withPath(idArb, idPath('/events'));
    await fuzzWith({ label: 'GET /api/api-keys/:id/events', method: 'GET', ok: apiKeyEventListSchema }, fc.constant(bodyless), runs, p);
  });

  test('POST /api/token-checks', async () => {
    // The token in the body: resolved against the world like the Authorization header's.
    const p = withPath(fc.constant(null), () => '/api/token-checks');
    const body = fc.oneof(anyJsonArb, nearValid({ token: 'kl_dev_x' }), fc.constant<BodyCase>({ none: true }));
    await fuzzWith({ label: 'POST /api/token-checks', method: 'POST', ok: tokenCheckResponseSchema }, body, runs, p, true);
  });

  test('GET /api/admin/api-keys', async () => {
    const q = withPath(queryArb, (_world, query) => `/api/admin/api-keys${query}`);
    await fuzzWith({ label: 'GET /api/admin/api-keys', method: 'GET', ok: adminApiKeyListSchema }, fc.constant(bodyless), runs, q);
  });

  test('POST /api/admin/api-keys/revoke', async () => {
    const body = fc.oneof(
      anyJsonArb,
      nearValid({ ids: ['x'] }),
      nearValid({ filter: { neverUsed: true, owner: 'nobody' }, expectedTotal: 0 }),
      fc.array(fc.oneof(fc.string({ maxLength: 70 }), fc.uuid()), { maxLength: 5 }).map((ids) => ({ json: { ids } })),
      fc.dictionary(queryKeyArb, fc.oneof(queryValueArb, fc.jsonValue()), { maxKeys: 3 }).map((filter) => ({ json: { filter, expectedTotal: 0 } })),
    );
    await fuzzWith({ label: 'POST /api/admin/api-keys/revoke', method: 'POST', ok: bulkRevokeResponseSchema }, body);
  });

  test('GET /api/policy', async () => {
    await fuzzWith({ label: 'GET /api/policy', method: 'GET', ok: policySchema }, fc.constant(bodyless));
  });

  test('PUT /api/policy', async () => {
    const body = fc.oneof(anyJsonArb, nearValid(validPolicy), nearValid(validPolicy));
    await fuzzWith({ label: 'PUT /api/policy', method: 'PUT', ok: policySchema }, body);
  });
});

/** One property per endpoint: caller/headers × body × path (id or query). */
async function fuzzWith<P>(
  endpoint: Endpoint,
  bodyArb: fc.Arbitrary<BodyCase>,
  numRuns = runs,
  path?: { arb: fc.Arbitrary<P>; path: (world: World, value: P) => string | null },
  tokenInBody = false,
) {
  const world = await buildWorld();
  const pathArb = path?.arb ?? fc.constant(undefined as P);
  await fc.assert(
    fc.asyncProperty(headerCaseArb, bodyArb, pathArb, tokenArb, fc.boolean(), async (headers, bodyCase, pathValue, bodyToken, useToken) => {
      const resolvedPath = path ? path.path(world, pathValue) : pathOf(endpoint.label);
      // token-checks: a token-shaped value in the body half of the time, so real and mutated secrets reach the lookup.
      const body: BodyCase = tokenInBody && useToken ? { json: { token: tokenOf(world, bodyToken) } } : bodyCase;
      await runCase(world, endpoint, { path: resolvedPath, headers, body });
    }),
    { numRuns },
  );
}

function pathOf(label: string): string {
  return label.slice(label.indexOf(' ') + 1);
}

// The fuzz's first find, pinned: Postgres cannot store NUL, and answered 500 where PGlite did not.
test('a NUL character anywhere is a 4xx on every database, never a 500', async () => {
  const world = await buildWorld();
  const admin = { Cookie: world.cookies.admin, 'X-Requested-With': 'keyline', 'Content-Type': 'application/json' };
  const cases: [string, RequestInit][] = [
    ['/api/api-keys/%00', { headers: admin }],
    ['/api/api-keys/%00/events', { headers: admin }],
    ['/api/api-keys/%00', { method: 'DELETE', headers: admin }],
    ['/api/api-keys?q=%00', { headers: admin }],
    ['/api/admin/api-keys?owner=%00', { headers: admin }],
    ['/api/api-keys', { method: 'POST', headers: admin, body: JSON.stringify({ ...validCreate, name: 'a\u0000b' }) }],
    ['/api/admin/api-keys/revoke', { method: 'POST', headers: admin, body: JSON.stringify({ ids: ['\u0000'] }) }],
    ['/api/session', { method: 'POST', headers: admin, body: JSON.stringify({ username: 'a\u0000', password: 'x' }) }],
    [
      '/api/policy',
      { method: 'PUT', headers: admin, body: JSON.stringify({ ...validPolicy, environments: [{ id: 'development', label: 'Dev\u0000', tag: 'dev' }, ...defaultPolicy.environments.slice(1)] }) },
    ],
  ];
  for (const [path, init] of cases) {
    const before = await snapshot();
    const res = await t.app.request(path, init);
    expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500);
    if (res.status >= 400) expect(await snapshot(), `${init.method ?? 'GET'} ${path}`).toBe(before);
  }
});
