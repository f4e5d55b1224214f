import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../contract/policy';
import { formToRequest, policyToForm } from './policy-form';

describe('policy form', () => {
  it('round-trips the policy', () => {
    const result = formToRequest(policyToForm(defaultPolicy));
    expect(result).toEqual({
      ok: true,
      request: {
        defaultLifetimeDays: 30,
        maxLifetimeDays: 365,
        maxActiveTokensPerUser: null,
        environments: defaultPolicy.environments,
        defaultEnvironment: 'development',
        allowedScopesByEnvironment: {},
      },
    });
  });

  it('reports each broken field', () => {
    const form = policyToForm(defaultPolicy);
    form.maxActiveTokensPerUser = 'x';
    form.environments[1] = { ...form.environments[1]!, tag: 'D' };
    const result = formToRequest(form);
    expect(!result.ok && result.fields).toEqual({
      maxActiveTokensPerUser: 'Enter a number.',
      'environments.1.tag': 'Use 2–8 lowercase letters or digits.',
    });
  });

  it('checks the rules across fields once each field is valid', () => {
    const form = policyToForm(defaultPolicy);
    form.defaultLifetimeDays = '400';
    form.environments[1] = { ...form.environments[1]!, tag: 'dev' };
    const result = formToRequest(form);
    expect(!result.ok && result.fields).toEqual({
      defaultLifetimeDays: 'The default cannot be longer than the maximum.',
      'environments.1.tag': 'Each environment needs its own tag.',
    });
  });
});
