import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { buildApiKey } from '../../../testing/factories';
import { revokeFailureMessage } from './revoke-failure-message';

const token = buildApiKey({ name: 'CI deploy' });

describe('revokeFailureMessage', () => {
  it('says the token is gone when the server no longer has it', () => {
    const error = new ApiError({ status: 404, type: 'not_found_error', message: 'No such token.' });
    expect(revokeFailureMessage(token, error)).toBe('Couldn’t revoke “CI deploy”: it no longer exists. It may have been revoked elsewhere.');
  });

  it('gives the server’s reason otherwise, and that the token still works', () => {
    const error = new ApiError({ status: 500, type: 'api_error', message: 'Database is down.' });
    expect(revokeFailureMessage(token, error)).toBe('Couldn’t revoke “CI deploy”: Database is down. It is still active.');
    expect(revokeFailureMessage(token, new Error('boom'))).toBe('Couldn’t revoke “CI deploy”: something went wrong. It is still active.');
  });
});
