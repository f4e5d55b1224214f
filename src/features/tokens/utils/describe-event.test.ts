import { describe, expect, test } from 'vitest';
import { buildApiKeyEvent } from '../../../testing/factories';
import { describeEvent } from './describe-event';

describe('describeEvent', () => {
  test('names the actor, the origin and the client', () => {
    expect(describeEvent(buildApiKeyEvent({ type: 'created', actor: { id: 'u', username: 'ada' } }))).toEqual({
      title: 'Created by ada',
      detail: null,
    });
    expect(describeEvent(buildApiKeyEvent({ type: 'created', actor: { id: 'u', username: 'ada' }, via: 'device_login', ip: '203.0.113.9' }))).toEqual({
      title: 'Created by ada',
      detail: 'Created via device login from 203.0.113.9',
    });
    expect(describeEvent(buildApiKeyEvent({ type: 'last_used', ip: '203.0.113.9', client: 'github_actions' }))).toEqual({
      title: 'Last used',
      detail: 'from 203.0.113.9 with GitHub Actions',
    });
    expect(describeEvent(buildApiKeyEvent({ type: 'first_used', ip: null, client: 'curl' })).detail).toBe('with curl');
  });

  test('counts rejected attempts and says why they were rejected', () => {
    const event = buildApiKeyEvent({ type: 'rejected', count: 3, reason: 'revoked', ip: '198.51.100.4', client: 'python' });
    expect(describeEvent(event)).toEqual({
      title: '3 rejected attempts after the token was revoked',
      detail: 'Latest from 198.51.100.4 with Python',
    });
  });

  test('words a rotate by the grace it planned and the cut-off by what happened', () => {
    const rotated = describeEvent(buildApiKeyEvent({ type: 'rotated', gracePeriod: '24h', actor: { id: 'u', username: 'ada' } }));
    expect(rotated).toEqual({ title: 'Rotated by ada', detail: 'New secret; the old secret allowed for 24 hours.' });
    expect(rotated.detail).not.toMatch(/kept working/);
    expect(describeEvent(buildApiKeyEvent({ type: 'grace_ended', actor: { id: 'u', username: 'ada' } }))).toEqual({
      title: 'Grace period ended early by ada',
      detail: 'The old secret stopped working.',
    });
  });

  test('says a leak report revoked the token, and where the secret was found when a scanner said', () => {
    const url = 'https://github.com/octo/app/blob/abc123/.env';
    expect(describeEvent(buildApiKeyEvent({ type: 'revoked', reason: 'reported_leaked', leakUrl: url }))).toEqual({
      title: `Revoked: reported leaked at ${url}`,
      detail: 'A secret scanner found its secret there.',
    });
    expect(describeEvent(buildApiKeyEvent({ type: 'revoked', reason: 'reported_leaked' }))).toEqual({
      title: 'Revoked: reported leaked',
      detail: 'Someone holding its secret reported it.',
    });
    expect(describeEvent(buildApiKeyEvent({ type: 'grace_ended', reason: 'reported_leaked', leakUrl: url })).title).toBe(
      `Grace period ended: old secret reported leaked at ${url}`,
    );
  });
});
