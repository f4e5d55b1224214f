import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { errorOf, useTestApp } from '../testing/test-app';

const t = useTestApp();

describe('an internal error', () => {
  test('is a bare 500, and its log line names the route and the error, never the SQL, its parameters or the request’s values', async () => {
    const { cookie } = await t.signedInUser('alice');
    const { apiKey } = await t.createToken(cookie, { name: 'Deploy' });
    const realQuery = t.db.query.bind(t.db);
    // A statement Postgres refuses, with a parameter that came from the request.
    t.db.query = async <T>(sql: string, params?: unknown[]) =>
      sql.includes('WHERE k.id = $1') ? realQuery<T>('SELECT $1::timestamptz AS broken_statement', [`${String(params?.[0])}-month-13`]) : realQuery<T>(sql, params);
    try {
      t.logs.length = 0;
      const res = await t.request(`/api/api-keys/${apiKey.id}`, { cookie });
      expect(res.status).toBe(500);
      expect(await errorOf(res)).toEqual({ type: 'api_error', message: 'Something went wrong on our side. Try again.' });
    } finally {
      t.db.query = realQuery;
    }
    const errorLines = t.logs.filter((line) => !String(line[0]).startsWith('{"msg":"request"'));
    expect(errorLines).toHaveLength(1);
    const logged = errorLines.map((line) => inspect(line, { depth: 10 })).join('\n');
    expect(logged).toContain('/api/api-keys/:id');
    expect(logged).not.toContain('broken_statement');
    expect(logged).not.toContain('month-13');
    expect(logged).not.toContain(apiKey.id);
  });
});
