import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fromJSONSchema } from 'zod';
import { openApiDocumentSchema, type OpenApiDocument } from '../../src/contract/api-description';
import { csrfHeader } from '../../src/contract/headers';
import { paths, routes } from '../../src/contract/paths';
import { useTestApp } from '../testing/test-app';
import { buildOpenApiDocument } from './document';

const t = useTestApp({ rateLimits: { signInFailuresPerUsernameAndIp: { limit: 2, windowMs: 60_000 } } });

async function servedDocument(): Promise<OpenApiDocument> {
  const res = await t.request(paths.openApi);
  expect(res.status).toBe(200);
  return openApiDocumentSchema.parse(await res.json());
}

type Json = Record<string, unknown>;
const methods = ['get', 'post', 'put', 'patch', 'delete'];

/** `GET /api/users/:id` for every handler the app mounts under /api (middleware and the 404 catch-alls are `ALL`). */
function mountedRoutes(app: { routes: ReadonlyArray<{ method: string; path: string }> }): string[] {
  const mounted = app.routes.filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'));
  return [...new Set(mounted.map((route) => `${route.method} ${route.path}`))].sort();
}

/** The same spelling for every operation the document describes. */
function describedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).filter((key) => methods.includes(key)).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
}

function routeGaps(app: Parameters<typeof mountedRoutes>[0], document: OpenApiDocument) {
  const mounted = mountedRoutes(app);
  const described = describedRoutes(document);
  return {
    notDescribed: mounted.filter((route) => !described.includes(route)),
    notMounted: described.filter((route) => !mounted.includes(route)),
  };
}

/** The document's response for one call, as a validator: its `$ref`s resolved against the document's components. */
function documentedResponse(document: OpenApiDocument, method: string, path: string, status: number) {
  const operation = (document.paths[path.replace(/:(\w+)/g, '{$1}')] as Record<string, Json> | undefined)?.[method];
  const components = document.components as { schemas: Json; responses: Record<string, Json> };
  let response = (operation?.responses as Record<string, Json> | undefined)?.[status];
  if (!response) throw new Error(`The document has no ${status} for ${method.toUpperCase()} ${path}.`);
  if (typeof response.$ref === 'string') response = components.responses[response.$ref.split('/').pop()!]!;
  const schema = (response.content as Record<string, { schema: Json }>)['application/json']!.schema;
  // zod reads local `$defs`: the same schemas, under the name it resolves.
  const root = JSON.parse(JSON.stringify({ ...schema, $defs: components.schemas }).replaceAll('#/components/schemas/', '#/$defs/')) as Json;
  return { schema: fromJSONSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...root }), headers: (response.headers ?? {}) as Record<string, { required?: boolean }> };
}

/** Parses a real answer with the schema the document gives for it, and checks its documented required headers are there. */
async function expectDocumented(document: OpenApiDocument, method: string, path: string, res: Response) {
  const { schema, headers } = documentedResponse(document, method, path, res.status);
  const body: unknown = await res.json();
  const parsed = schema.safeParse(body);
  expect(parsed.error, `${method.toUpperCase()} ${path} ${res.status}: ${JSON.stringify(body)}`).toBeUndefined();
  for (const [name, header] of Object.entries(headers)) if (header.required) expect(res.headers.get(name), name).not.toBeNull();
  return body;
}

const redoclyConfig = join(dirname(fileURLToPath(import.meta.url)), 'redocly.yaml');
const redoclyBin = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/** `redocly lint` on the document, with our config; telemetry and update checks off. */
async function lint(document: unknown): Promise<{ code: number | null; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'keyline-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const child = spawn(process.execPath, [redoclyBin, 'lint', file, '--config', redoclyConfig, '--format', 'stylish'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  it('lints clean with Redocly’s recommended rules, warnings counted as errors', async () => {
    const { code, output } = await lint(await servedDocument());
    expect(output).toContain('Your API description is valid');
    expect(code, output).toBe(0);
  }, 60_000);

  it('fails the lint when an operation loses what the rules ask for', async () => {
    const document = await servedDocument();
    const operation = (document.paths['/api/api-keys'] as Record<string, Json>).get!;
    delete operation.summary;
    const { code, output } = await lint(document);
    expect(code).not.toBe(0);
    expect(output).toContain('operation-summary');
  }, 60_000);

  it('describes every route the server mounts under /api, and nothing else', async () => {
    const { notDescribed, notMounted } = routeGaps(t.app, await servedDocument());
    expect(notDescribed, 'Mounted but missing from the catalog in src/contract/api-description.ts').toEqual([]);
    expect(notMounted, 'In the catalog (src/contract/api-description.ts) but not mounted by server/app.ts').toEqual([]);
  });

  it('names a route that is mounted but not described, and one described but not mounted', () => {
    const app = new Hono().get('/api/extra/:id', (c) => c.body(null, 204));
    const document = buildOpenApiDocument({ sessionCookieName: 'keyline_session' });
    const { notDescribed, notMounted } = routeGaps(app, document);
    expect(notDescribed).toEqual(['GET /api/extra/:id']);
    expect(notMounted).toContain('POST /api/api-keys');
  });

  it('describes credentials: the session cookie (with the CSRF header on changes) and a bearer token', () => {
    const document = buildOpenApiDocument({ sessionCookieName: '__Host-keyline_session' });
    const components = document.components as Json & { securitySchemes: Json; parameters: Record<string, Json> };
    expect(components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-keyline_session' },
      bearerToken: { type: 'http', scheme: 'bearer' },
    });
    expect(components.parameters.CsrfHeader).toMatchObject({ name: csrfHeader.name, in: 'header', required: true, schema: { const: csrfHeader.value } });
    const operation = (path: string, method: string) => (document.paths[path] as Record<string, Json>)[method]!;
    expect(operation('/api/auth/me', 'get').security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(operation('/api/token-checks', 'post').security).toEqual([{ sessionCookie: [] }]);
    expect(operation('/api/token-checks', 'post').parameters).toContainEqual({ $ref: '#/components/parameters/CsrfHeader' });
    // A session, or the device login's token (the CLI): the header is for the cookie.
    expect(operation('/api/api-keys', 'post').security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(operation('/api/api-keys', 'post').parameters).toContainEqual({ $ref: '#/components/parameters/CsrfHeader' });
    expect(operation('/api/auth/token', 'delete').security).toEqual([{ bearerToken: [] }]);
    expect(operation('/api/api-keys', 'get').parameters).not.toContainEqual({ $ref: '#/components/parameters/CsrfHeader' });
    expect(operation('/api/device/code', 'post').security).toEqual([]);
    expect(operation('/api/openapi.json', 'get').security).toEqual([]);
  });
});

describe('real answers match the schemas the document gives for them', () => {
  it('token management with a session, and a bearer call', async () => {
    const document = await servedDocument();
    const { cookie } = await t.signedInUser('ada');
    const signIn = await t.request(paths.session, { method: 'POST', json: { username: 'ada', password: 'ada-password' } });
    await expectDocumented(document, 'post', paths.session, signIn);

    const createdRes = await t.request(paths.apiKeys, { method: 'POST', cookie, json: { name: 'CI', environment: 'staging', scopes: ['write:projects'], expiresInDays: 30 } });
    const created = (await expectDocumented(document, 'post', paths.apiKeys, createdRes)) as { apiKey: { id: string }; secret: string };
    await expectDocumented(document, 'get', paths.apiKeys, await t.request(`${paths.apiKeys}?status=all&limit=10`, { cookie }));
    await expectDocumented(document, 'get', routes.apiKey, await t.request(paths.apiKey(created.apiKey.id), { cookie }));
    await expectDocumented(document, 'get', routes.apiKeyEvents, await t.request(paths.apiKeyEvents(created.apiKey.id), { cookie }));
    await expectDocumented(document, 'post', paths.tokenChecks, await t.request(paths.tokenChecks, { method: 'POST', cookie, json: { token: created.secret } }));
    await expectDocumented(document, 'get', paths.me, await t.request(paths.me, { bearer: created.secret }));
    await expectDocumented(document, 'get', paths.policy, await t.request(paths.policy, { bearer: created.secret }));
  });

  it('failures: the envelope with the type its status stands for, and the headers the document promises', async () => {
    const document = await servedDocument();
    const { cookie } = await t.signedInUser('ada');
    // 401 with WWW-Authenticate, 404 for an id that is not there, 422 for a rule, 400 for bad input.
    await expectDocumented(document, 'get', paths.apiKeys, await t.request(paths.apiKeys, { bearer: 'kl_dev_not-a-token' }));
    await expectDocumented(document, 'get', routes.apiKey, await t.request(paths.apiKey('missing'), { cookie }));
    await expectDocumented(
      document,
      'post',
      paths.apiKeys,
      await t.request(paths.apiKeys, { method: 'POST', cookie, json: { name: 'CI', environment: 'production', scopes: ['read:projects'], expiresInDays: 9999 } }),
    );
    await expectDocumented(document, 'post', paths.apiKeys, await t.request(paths.apiKeys, { method: 'POST', cookie, json: { name: 7 } }));
    // 429 with Retry-After, after the lowered sign-in failure limit.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expectDocumented(document, 'post', paths.session, await t.request(paths.session, { method: 'POST', json: { username: 'ada', password: 'wrong' } }));
    }
    const limited = await t.request(paths.session, { method: 'POST', json: { username: 'ada', password: 'wrong' } });
    expect(limited.status).toBe(429);
    await expectDocumented(document, 'post', paths.session, limited);
  });

  it('people, my account, the policy and the admin review', async () => {
    const document = await servedDocument();
    const admin = await t.signedInUser('root', 'admin');
    const member = await t.signedInUser('ada');
    const addedRes = await t.request(paths.users, { method: 'POST', cookie: admin.cookie, json: { username: 'grace', role: 'member' } });
    const added = (await expectDocumented(document, 'post', paths.users, addedRes)) as { user: { id: string } };
    await expectDocumented(document, 'get', paths.users, await t.request(paths.users, { cookie: admin.cookie }));
    await expectDocumented(document, 'get', routes.user, await t.request(paths.user(added.user.id), { cookie: admin.cookie }));
    await expectDocumented(document, 'get', routes.userOffboarding, await t.request(paths.userOffboarding(added.user.id), { cookie: admin.cookie }));
    await expectDocumented(document, 'get', paths.accountSessions, await t.request(paths.accountSessions, { cookie: member.cookie }));
    await expectDocumented(document, 'get', paths.adminApiKeys, await t.request(`${paths.adminApiKeys}?neverUsed=true&unusedForDays=30`, { cookie: admin.cookie }));
    await expectDocumented(document, 'get', paths.adminApiKeysSummary, await t.request(paths.adminApiKeysSummary, { cookie: admin.cookie }));
    // A member on an admin's call: 403; a policy the form must fix: 422, as the document says for this route.
    await expectDocumented(document, 'get', paths.adminApiKeys, await t.request(paths.adminApiKeys, { cookie: member.cookie }));
    const badPolicy = await t.request(paths.policy, { method: 'PUT', cookie: admin.cookie, json: { defaultLifetimeDays: 'soon' } });
    expect(badPolicy.status).toBe(422);
    await expectDocumented(document, 'put', paths.policy, badPolicy);
  });

  it('device login: the codes, and polling’s RFC 8628 answer in its own shape', async () => {
    const document = await servedDocument();
    const codeRes = await t.request(paths.deviceCode, { method: 'POST', json: { clientName: 'keyline CLI', hostname: 'build-01' } });
    const codes = (await expectDocumented(document, 'post', paths.deviceCode, codeRes)) as { deviceCode: string };
    const pending = await t.request(paths.deviceToken, { method: 'POST', json: { deviceCode: codes.deviceCode } });
    expect(pending.status).toBe(400);
    expect(await expectDocumented(document, 'post', paths.deviceToken, pending)).toMatchObject({ error: 'authorization_pending' });
  });

  it('a schema check that can fail: a changed or missing field is refused', async () => {
    const document = await servedDocument();
    const { cookie } = await t.signedInUser('ada');
    const { apiKey } = await t.createToken(cookie);
    const { schema } = documentedResponse(document, 'get', routes.apiKey, 200);
    expect(schema.safeParse(apiKey).success).toBe(true);
    expect(schema.safeParse({ ...apiKey, status: 'gone' }).success).toBe(false);
    expect(schema.safeParse({ ...apiKey, createdAt: 'yesterday' }).success).toBe(false);
    const { owner: _owner, ...withoutOwner } = apiKey;
    expect(schema.safeParse(withoutOwner).success).toBe(false);
    expect(() => documentedResponse(document, 'get', routes.apiKey, 418)).toThrow('no 418');
    // A failure's type is the one its status stands for.
    const notFound = documentedResponse(document, 'get', routes.apiKey, 404).schema;
    expect(notFound.safeParse({ error: { type: 'not_found_error', message: 'Not found.' } }).success).toBe(true);
    expect(notFound.safeParse({ error: { type: 'permission_error', message: 'Not found.' } }).success).toBe(false);
  });
});
