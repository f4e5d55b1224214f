import { describe, expect, test } from 'vitest';
import type { UpdatePolicyRequest } from '../../src/contract/policy-update';
import { defaultPolicy, policySchema } from '../../src/contract/policy';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();

const editable: UpdatePolicyRequest = {
  defaultLifetimeDays: 14,
  maxLifetimeDays: 90,
  environments: defaultPolicy.environments,
  defaultEnvironment: 'development',
  allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments'] },
  maxActiveTokensPerUser: 2,
};

async function put(cookie: string, json: unknown) {
  return t.request('/api/policy', { method: 'PUT', cookie, json });
}

async function createStatus(cookie: string, body: Record<string, unknown>) {
  const res = await t.request('/api/api-keys', {
    method: 'POST',
    cookie,
    json: { name: `t-${Math.random()}`, environment: 'development', scopes: ['read:projects'], expiresInDays: 7, ...body },
  });
  return { status: res.status, error: res.status === 201 ? null : await errorOf(res) };
}

describe('PUT /api/policy', () => {
  test('an admin saves the policy; everyone reads it back; the prefix and catalog stay configuration', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const member = await t.signedInUser('maria');
    const res = await put(admin.cookie, editable);
    expect(res.status).toBe(200);
    const { environmentsInUse, ...saved } = policySchema.parse(await res.json());
    expect(saved).toEqual({ ...defaultPolicy, ...editable });
    expect(environmentsInUse).toEqual([]);

    const read = policySchema.parse(await (await t.request('/api/policy', { cookie: member.cookie })).json());
    expect(read).toEqual(saved);
    const [row] = await t.db.query<{ updated_by: string }>('SELECT updated_by FROM token_policies');
    expect(row?.updated_by).toBe(admin.user.id);
  });

  test('rejects a broken policy with 422 and a message per field, and keeps the old one', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const cases: [unknown, string][] = [
      [{ ...editable, defaultLifetimeDays: 100 }, 'defaultLifetimeDays'],
      [{ ...editable, maxLifetimeDays: 4000 }, 'maxLifetimeDays'],
      [{ ...editable, maxLifetimeDays: 0 }, 'maxLifetimeDays'],
      [{ ...editable, environments: [] }, 'environments'],
      [{ ...editable, environments: [...editable.environments, { id: 'qa', label: 'QA', tag: 'dev' }] }, 'environments.3.tag'],
      [{ ...editable, environments: [...editable.environments, { id: 'staging', label: 'Again', tag: 'stg2' }] }, 'environments.3.id'],
      [{ ...editable, environments: [{ id: 'qa', label: 'QA', tag: 'Q!' }] }, 'environments.0.tag'],
      [{ ...editable, defaultEnvironment: 'moon' }, 'defaultEnvironment'],
      [{ ...editable, allowedScopesByEnvironment: { production: ['launch:rockets'] } }, 'allowedScopesByEnvironment.production'],
      [{ ...editable, allowedScopesByEnvironment: { moon: [] } }, 'allowedScopesByEnvironment.moon'],
      [{ ...editable, maxActiveTokensPerUser: 0 }, 'maxActiveTokensPerUser'],
      [{ ...editable, tokenPrefix: 'xx' }, 'tokenPrefix'],
    ];
    for (const [body, field] of cases) {
      const res = await put(admin.cookie, body);
      expect(res.status, field).toBe(422);
      const error = await errorOf(res);
      expect(error.type).toBe('invalid_request_error');
      expect(Object.keys(error.fields ?? {}), field).toContain(field);
    }
    const read = policySchema.parse(await (await t.request('/api/policy', { cookie: admin.cookie })).json());
    expect(read).toEqual({ ...defaultPolicy, environmentsInUse: [] });
  });

  test('tells admins, and only them, which environments tokens were made for, revoked ones included', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const member = await t.signedInUser('maria');
    expect((await createStatus(member.cookie, { environment: 'production' })).status).toBe(201);
    const staging = await t.request('/api/api-keys', {
      method: 'POST',
      cookie: member.cookie,
      json: { name: 'stg', environment: 'staging', scopes: ['read:projects'], expiresInDays: 7 },
    });
    const { apiKey } = (await staging.json()) as { apiKey: { id: string } };
    expect((await t.request(`/api/api-keys/${apiKey.id}`, { method: 'DELETE', cookie: member.cookie })).status).toBe(204);

    const asAdmin = policySchema.parse(await (await t.request('/api/policy', { cookie: admin.cookie })).json());
    // In the policy's order, whatever order the tokens were made in.
    expect(asAdmin.environmentsInUse).toEqual(['staging', 'production']);
    const asMember = policySchema.parse(await (await t.request('/api/policy', { cookie: member.cookie })).json());
    expect(asMember.environmentsInUse).toBeUndefined();
  });

  test('create follows the saved policy: lifetime, scopes per environment, environments, active-token limit', async () => {
    const admin = await t.signedInUser('root', 'admin');
    expect((await put(admin.cookie, editable)).status).toBe(200);
    const member = await t.signedInUser('maria');

    const tooLong = await createStatus(member.cookie, { expiresInDays: 91 });
    expect(tooLong).toMatchObject({ status: 422, error: { fields: { expiresInDays: 'Tokens may live at most 90 days.' } } });

    const writeInProduction = await createStatus(member.cookie, { environment: 'production', scopes: ['write:deployments'] });
    expect(writeInProduction.status).toBe(422);
    expect(writeInProduction.error?.fields?.scopes).toMatch(/not allowed for Production/);

    expect((await createStatus(member.cookie, { environment: 'production', scopes: ['read:deployments'] })).status).toBe(201);
    expect((await createStatus(member.cookie, { scopes: ['write:projects'] })).status).toBe(201);

    const third = await createStatus(member.cookie, {});
    expect(third.status).toBe(422);
    expect(third.error?.message).toMatch(/at most 2 active tokens/);

    // Removing an environment stops new tokens for it.
    const fewer = { ...editable, maxActiveTokensPerUser: null, environments: editable.environments.filter((e) => e.id !== 'staging') };
    expect((await put(admin.cookie, fewer)).status).toBe(200);
    const staging = await createStatus(member.cookie, { environment: 'staging' });
    expect(staging.error?.fields?.environment).toMatch(/Choose one of: development, production/);
  });

  test('members and tokens cannot change it', async () => {
    const admin = await t.signedInUser('root', 'admin');
    const member = await t.signedInUser('maria');
    expect((await put(member.cookie, editable)).status).toBe(403);
    const { secret } = await t.createToken(admin.cookie);
    const viaToken = await t.request('/api/policy', { method: 'PUT', bearer: secret, json: editable });
    expect(viaToken.status).toBe(403);
    expect((await t.request('/api/policy', { method: 'PUT', json: editable })).status).toBe(401);
  });
});
