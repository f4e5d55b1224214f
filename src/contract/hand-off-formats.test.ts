import { describe, expect, it } from 'vitest';
import { formatSecret, handOffFormats } from './hand-off-formats';

const secret = 'kl_dev_abc123';

describe('hand-off formats', () => {
  it('puts the secret in the shape each destination needs', () => {
    expect(formatSecret(secret, 'raw')).toBe(secret);
    expect(formatSecret(secret, 'shell')).toBe(`export KEYLINE_TOKEN=${secret}`);
    expect(formatSecret(secret, 'dotenv')).toBe(`KEYLINE_TOKEN=${secret}`);
    // gh asks for the value itself: the secret never goes on the command line.
    expect(formatSecret(secret, 'github')).toBe('gh secret set KEYLINE_TOKEN');
  });

  it('labels the four formats', () => {
    expect(handOffFormats.map((f) => f.label)).toEqual(['Raw', 'Shell', '.env', 'GitHub Actions']);
  });
});
