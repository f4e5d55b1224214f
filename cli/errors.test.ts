import { describe, expect, test } from 'vitest';
import { errorFromResponse } from './errors';

const now = new Date('2026-01-01T00:00:00Z');
const envelope = (type: string, message: string, fields?: Record<string, string>) => ({ error: { type, message, ...(fields ? { fields } : {}) } });

describe('a failed answer as one line with a stable code', () => {
  test('401: what the CLI knows about the credential says more than the server’s vague answer', () => {
    const body = envelope('authentication_error', 'The token is invalid, expired or revoked.');
    expect(errorFromResponse(401, body, null, now).code).toBe('auth_not_configured');
    expect(errorFromResponse(401, body, { source: 'login', expiresAt: '2025-12-31T00:00:00.000Z' }, now).code).toBe('token_expired');
    expect(errorFromResponse(401, body, { source: 'login', expiresAt: '2026-02-01T00:00:00.000Z' }, now).code).toBe('token_revoked');
    expect(errorFromResponse(401, body, { source: 'env' }, now)).toMatchObject({ code: 'token_invalid', message: expect.stringContaining('KEYLINE_TOKEN') });
  });

  test('403, 404, 422 keep the server’s message and its fields', () => {
    expect(errorFromResponse(403, envelope('permission_error', 'No.'), { source: 'env' }, now)).toMatchObject({ code: 'permission_denied', message: 'No.' });
    expect(errorFromResponse(404, envelope('not_found_error', 'Not found.'), { source: 'env' }, now).code).toBe('not_found');
    expect(errorFromResponse(422, envelope('invalid_request_error', 'Check the highlighted fields.', { name: 'Taken.' }), { source: 'env' }, now)).toMatchObject({
      code: 'invalid_request',
      message: 'Check the highlighted fields. name: Taken.',
    });
  });

  test('429 says how long to wait; 5xx and garbage never echo the body', () => {
    expect(errorFromResponse(429, envelope('rate_limit_error', 'Slow down.'), { source: 'env' }, now, 30).message).toBe('Too many requests: try again in 30 s. Slow down.');
    const failed = errorFromResponse(500, { stack: 'secret stuff' }, { source: 'env' }, now);
    expect(failed).toMatchObject({ code: 'server_error', exitCode: 1 });
    expect(failed.message).not.toContain('secret');
  });
});
