import { describe, expect, it } from 'vitest';
import { parseSecret } from '../../contract/token-format';
import { mintSecret } from './mint-secret';

describe('mintSecret', () => {
  it('mints secrets the token format accepts (checksum included), hinted as the store keeps them', () => {
    const { secret, hint } = mintSecret('kl', 'prod');
    expect(parseSecret(secret, 'kl')).toEqual({ prefix: 'kl', envTag: 'prod' });
    expect(hint).toBe(`kl_prod_…${secret.slice(-4)}`);
    expect(mintSecret('kl', 'prod').secret).not.toBe(secret);
  });
});
