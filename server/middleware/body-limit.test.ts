import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, test } from 'vitest';
import { csrfHeader } from '../../src/contract/headers';
import { apiKeyListSchema } from '../../src/contract/tokens';
import { errorOf, useTestApp } from '../testing/test-app';
import { maxBodyBytes } from './body-limit';

const t = useTestApp();

/** A create whose description pads the JSON to exactly `size` bytes (ASCII, so characters = bytes). */
function createBodyOfSize(size: number) {
  const base = { name: 'CI deploy', environment: 'production', scopes: ['read:projects'], expiresInDays: 30, description: '' };
  const padding = size - JSON.stringify(base).length;
  return JSON.stringify({ ...base, description: 'x'.repeat(padding) });
}

/** A body that arrives in chunks with no Content-Length, as with Transfer-Encoding: chunked. */
function streamed(text: string, chunkSize = 1024) {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) controller.enqueue(bytes.slice(offset, offset + chunkSize));
      controller.close();
    },
  });
}

const headers = (cookie: string) => ({ Cookie: cookie, 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value });

async function listLength(cookie: string) {
  return apiKeyListSchema.parse(await (await t.request('/api/api-keys', { cookie })).json()).data.length;
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  const error = await errorOf(res);
  expect(error.type).toBe('invalid_request_error');
  expect(error.message).toMatch(/16 KB/);
}

describe('request body limit', () => {
  test('a declared Content-Length over 16 KB is a 413 in the envelope and creates nothing', async () => {
    const { cookie } = await t.signedInUser('alice');
    const body = createBodyOfSize(maxBodyBytes + 1);
    const res = await t.app.request('/api/api-keys', {
      method: 'POST',
      headers: { ...headers(cookie), 'Content-Length': String(body.length) },
      body,
    });
    await expectTooLarge(res);
    expect(await listLength(cookie)).toBe(0);
  });

  test('a streamed body without Content-Length is counted as it arrives', async () => {
    const { cookie } = await t.signedInUser('alice');
    const res = await t.app.request('/api/api-keys', {
      method: 'POST',
      headers: headers(cookie),
      body: streamed(createBodyOfSize(maxBodyBytes + 1)),
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(res);
    expect(await listLength(cookie)).toBe(0);
  });

  test('a streamed body at the limit gets through to validation (too long a description, not too large a body)', async () => {
    const { cookie } = await t.signedInUser('alice');
    const res = await t.app.request('/api/api-keys', {
      method: 'POST',
      headers: headers(cookie),
      body: streamed(createBodyOfSize(maxBodyBytes)),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toHaveProperty('description');
  });

  test('a small streamed body works end to end', async () => {
    await t.createUser('alice');
    const res = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [csrfHeader.name]: csrfHeader.value },
      body: streamed(JSON.stringify({ username: 'alice', password: 'alice-password' }), 8),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
  });

  test('applies before authentication and CSRF checks: nobody gets a large body read', async () => {
    const res = await t.app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: streamed(createBodyOfSize(maxBodyBytes * 4)),
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(res);
  });

  test('over a real socket, as npm start serves it: a declared length over 16 KB is refused, a small body read', async () => {
    const { cookie } = await t.signedInUser('alice');
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const post = (body: string) => fetch(`http://127.0.0.1:${port}/api/api-keys`, { method: 'POST', headers: headers(cookie), body });
      await expectTooLarge(await post(createBodyOfSize(maxBodyBytes + 1)));
      expect(await listLength(cookie)).toBe(0);
      const created = await post(createBodyOfSize(400));
      expect(created.status, await created.text()).toBe(201);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
