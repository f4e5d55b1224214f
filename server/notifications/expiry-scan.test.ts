import { expect, test } from 'vitest';
import { eventPayloadSchema } from '../../src/contract/events';
import { listEvents } from '../db/events';
import { useTestApp } from '../testing/test-app';
import { createNotifications, messageOf } from './notifications';

const t = useTestApp();
const day = 24 * 60 * 60 * 1000;
const minute = 60 * 1000;

/** A worker as server/index.ts starts one: a new one is a restart (nothing kept in memory). */
const instance = () =>
  createNotifications({ db: t.db, clock: t.clock, logger: t.logger, hmacSecret: t.config.hmacSecret, publicUrl: 'https://keyline.example', allowPrivateAddresses: false });

async function notices() {
  const events = [...(await listEvents(t.db, 'token.expiring')), ...(await listEvents(t.db, 'token.expired'))];
  return events.map((event) => {
    const { data } = eventPayloadSchema.parse(messageOf(event, 'https://keyline.example'));
    return `${data.token?.name} ${event.type}${data.expiring ? ` ${data.expiring.daysBefore}` : ''}`;
  });
}

test('each threshold (30, 7, 1 days) and the expiry itself is announced once, across restarts; revoked tokens are not', async () => {
  const { cookie } = await t.signedInUser('alice');
  let worker = instance();
  await worker.scanExpiries(); // The first pass starts the watch.
  await t.createToken(cookie, { name: 'deploy', expiresInDays: 40 });
  const revoked = await t.createToken(cookie, { name: 'old', expiresInDays: 40 });
  expect((await t.request(`/api/api-keys/${revoked.apiKey.id}`, { method: 'DELETE', cookie })).status).toBe(204);

  await worker.scanExpiries();
  expect(await notices()).toEqual([]);

  const expected: string[] = [];
  for (const [at, notice] of [
    [10 * day + minute, 'deploy token.expiring 30'],
    [33 * day + minute, 'deploy token.expiring 7'],
    [39 * day + minute, 'deploy token.expiring 1'],
    [40 * day + minute, 'deploy token.expired'],
  ] as const) {
    t.clock.set(new Date(Date.parse('2030-01-15T12:00:00.000Z') + at));
    await worker.scanExpiries();
    expected.push(notice);
    expect(await notices()).toEqual(expected);
    // Again, and after a restart: nothing new.
    await worker.scanExpiries();
    worker = instance();
    await worker.scanExpiries();
    expect(await notices()).toEqual(expected);
  }
});

test('a token that crossed several thresholds while nobody looked hears only the nearest one', async () => {
  const { cookie } = await t.signedInUser('bob');
  const worker = instance();
  await worker.scanExpiries();
  await t.createToken(cookie, { name: 'nightly', expiresInDays: 40 });
  t.clock.advance(35 * day);
  await worker.scanExpiries();
  expect(await notices()).toEqual(['nightly token.expiring 7']);
  t.clock.advance(10 * day);
  await worker.scanExpiries();
  expect(await notices()).toEqual(['nightly token.expiring 7', 'nightly token.expired']);
});

test('a token made with 7 days to live is not told it has 7 days left, but hears the 1-day notice', async () => {
  const { cookie } = await t.signedInUser('dan');
  const worker = instance();
  await worker.scanExpiries();
  await t.createToken(cookie, { name: 'short', expiresInDays: 7 });
  t.clock.advance(minute);
  await worker.scanExpiries();
  expect(await notices()).toEqual([]);
  t.clock.advance(6 * day);
  await worker.scanExpiries();
  expect(await notices()).toEqual(['short token.expiring 1']);
});

test('a clock set back announces nothing twice', async () => {
  const { cookie } = await t.signedInUser('carol');
  const worker = instance();
  await worker.scanExpiries();
  await t.createToken(cookie, { name: 'api', expiresInDays: 40 });
  t.clock.advance(11 * day);
  await worker.scanExpiries();
  t.clock.advance(-2 * day);
  await worker.scanExpiries();
  t.clock.advance(2 * day + minute);
  await worker.scanExpiries();
  expect(await notices()).toEqual(['api token.expiring 30']);
});

test('the scan reads a range of the live-expiry index, not the table', async () => {
  const plan = await t.db.transaction(async (tx) => {
    // Empty test tables would make any plan a sequential scan: ask the planner as it plans a big table.
    await tx.exec('SET LOCAL enable_seqscan = off');
    return tx.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT k.id, k.expires_at FROM api_keys k
       WHERE k.revoked_at IS NULL AND k.expires_at > now() AND k.expires_at <= now() + interval '30 days'
       ORDER BY k.expires_at, k.id LIMIT 500`,
    );
  });
  expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan using api_keys_live_expiry/);
});
