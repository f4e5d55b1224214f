import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postSigned } from './send';
import { isForbiddenAddress, resolveTarget } from './ssrf';
import { startReceiver } from './test-receiver';

describe('the addresses a webhook may not reach', () => {
  test.each([
    '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '127.0.0.1', '127.8.8.8', '169.254.169.254', '0.0.0.0',
    '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', 'ff02::1',
  ])('%s is refused', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  test.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888'])('%s is allowed', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  test('a name is resolved and refused when it points at loopback, unless private addresses are allowed', async () => {
    expect(await resolveTarget(new URL('http://localhost:9/'), false)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Refused: localhost/) });
    expect(await resolveTarget(new URL('http://[::1]:9/'), false)).toMatchObject({ ok: false });
    expect(await resolveTarget(new URL('http://localhost:9/'), true)).toMatchObject({ ok: true, address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
  });
});

describe('sending', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  const send = (url: string, allowPrivate: boolean, timeoutMs = 5000) =>
    postSigned({ url, headers: {}, body: '{}', timeoutMs, allowPrivate, now: () => performance.now() });

  test('a loopback receiver is never contacted when private addresses are not allowed, by address or by name', async () => {
    const before = receiver.received.length;
    const byAddress = await send(receiver.url, false);
    const byName = await send(`http://localhost:${receiver.port}/hooks`, false);
    expect(byAddress).toMatchObject({ delivered: false, responseStatus: null, error: expect.stringMatching(/^Refused/) });
    expect(byName).toMatchObject({ delivered: false, responseStatus: null, error: expect.stringMatching(/^Refused: localhost/) });
    expect(receiver.received.length).toBe(before);
  });

  test('a redirect is not followed: one request, recorded as not delivered', async () => {
    receiver.respondWith((response) => response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const before = receiver.received.length;
    const result = await send(receiver.url, true);
    expect(result).toMatchObject({ delivered: false, responseStatus: 302, error: 'Redirect not followed (302)' });
    expect(receiver.received.length).toBe(before + 1);
  });

  test('an endpoint that does not answer in time is cut off', async () => {
    receiver.respondWith(() => undefined);
    const result = await send(receiver.url, true, 300);
    expect(result).toMatchObject({ delivered: false, responseStatus: null, error: 'Timed out after 0.3 s' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(250);
  });
});
