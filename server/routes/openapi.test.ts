import { describe, expect, it } from 'vitest';
import { openApiDocumentSchema } from '../../src/contract/api-description';
import { paths } from '../../src/contract/paths';
import { useTestApp } from '../testing/test-app';

const t = useTestApp();

describe('GET /api/openapi.json', () => {
  it('answers anyone, with no session, an OpenAPI 3.1 document', async () => {
    const res = await t.request(paths.openApi, { withoutCsrfHeader: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const document = openApiDocumentSchema.parse(await res.json());
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.info.title).toBe('Keyline API');
  });

  it('may be kept by caches for five minutes, then revalidated by its ETag', async () => {
    const first = await t.request(paths.openApi);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=300');
    const tag = first.headers.get('ETag');
    expect(tag).toBeTruthy();

    const again = await t.request(paths.openApi, { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(tag);
    expect(again.headers.get('Cache-Control')).toBe('public, max-age=300');

    const stale = await t.request(paths.openApi, { headers: { 'If-None-Match': '"something-else"' } });
    expect(stale.status).toBe(200);
  });

  it('ignores what it does not read: a query string, junk validators, HEAD', async () => {
    const junk = await t.request(`${paths.openApi}?x=%00${'a'.repeat(5000)}&y[]=1`, { headers: { 'If-None-Match': `W/"${'x'.repeat(8000)}", *, ,` } });
    expect([200, 304]).toContain(junk.status);
    const head = await t.request(paths.openApi, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('is read-only: other methods are not found', async () => {
    const res = await t.request(paths.openApi, { method: 'POST', json: {} });
    expect(res.status).toBe(404);
  });
});
