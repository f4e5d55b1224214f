import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { exceptPaths } from './except-paths';

describe('exceptPaths', () => {
  const app = new Hono()
    .use('/api/*', exceptPaths(['/api/open'], async (c, next) => (c.req.header('X-Pass') ? next() : c.text('refused', 403))))
    .get('/api/open', (c) => c.text('open'))
    .get('/api/open/more', (c) => c.text('more'))
    .get('/api/closed', (c) => c.text('closed'));

  it('skips the middleware for exactly the listed paths', async () => {
    expect(await (await app.request('/api/open')).text()).toBe('open');
  });

  it('runs it for every other path, one below a listed path included', async () => {
    expect((await app.request('/api/closed')).status).toBe(403);
    expect((await app.request('/api/open/more')).status).toBe(403);
    expect(await (await app.request('/api/closed', { headers: { 'X-Pass': '1' } })).text()).toBe('closed');
  });
});
