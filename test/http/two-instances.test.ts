import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTribune, type Tribune } from '../../src/tribune.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { EventStreamClient } from '../support/event-stream.js';
import { REDIS_URL, redisMissing, testRedisPrefix } from '../support/redis.js';
import { ADMIN_TOKEN, Guest } from '../support/server.js';

const missing = await redisMissing();

/** Two Tribunes behind one load balancer: one database, one Redis, one secret. */
describe.skipIf(missing)('two instances sharing one database and one Redis', () => {
  let database: TestDatabase;
  const instances: { tribune: Tribune; baseUrl: string }[] = [];
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const prefix = testRedisPrefix();
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        ...database.env,
        TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN,
        TRIBUNE_DEMO_CONTENT: 'off',
        TRIBUNE_MIN_FILL_SECONDS: '0',
        TRIBUNE_TRUST_PROXY: '127.0.0.1',
        TRIBUNE_SECRET: 'one-secret-for-every-instance-0123456789',
        TRIBUNE_RATE_LIMIT_VOTES: '3/60s',
        REDIS_URL,
        TRIBUNE_REDIS_PREFIX: prefix,
      });
      const tribune = await createTribune(config);
      await tribune.app.listen({ port: 0, host: '127.0.0.1' });
      const address = tribune.app.server.address();
      instances.push({ tribune, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }
    const created = await fetch(`${instances[0]!.baseUrl}/api/v1/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'two-instances', title: 'Two instances', body: 'Body.', author: { name: 'Desk' } }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    // Servers first: closing ends their streams. (A client that drops a stream first leaves undici
    // holding a fresh idle socket that Node's server.close waits out for a minute.)
    for (const { tribune } of instances) await tribune.close();
    streams.forEach((s) => s.close());
    await database?.drop();
  });

  it('brings a comment posted on one instance to a page streaming from the other', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const onB = await EventStreamClient.open(`${b.baseUrl}/api/v1/threads/two-instances/events`);
    streams.push(onB);
    await onB.started();
    const posted = await new Guest(a.baseUrl).post('two-instances', { body: 'Posted through the first instance.' });
    expect(posted.status).toBe(201);
    await onB.waitFor((events) => events.some((e) => e.event === 'published' && e.data.comment.id === posted.json.comment.id), 3000);

    // The first page of comments each instance caches is dropped on both.
    const listed = await fetch(`${b.baseUrl}/api/v1/threads/two-instances/comments`).then((r) => r.json());
    expect(listed.comments.map((c: { id: number }) => c.id)).toContain(posted.json.comment.id);
  });

  it('counts one reader\'s votes against one limit, whichever instance they reach', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const author = new Guest(a.baseUrl);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await author.post('two-instances', { body: `Comment number ${i + 1} to vote on.` })).json.comment.id);
    const voter = { 'x-forwarded-for': '203.0.113.50' };
    const vote = (base: string, id: number) => fetch(`${base}/api/v1/comments/${id}/vote`, { method: 'POST', headers: { ...voter, 'content-type': 'application/json' }, body: JSON.stringify({ value: 1 }) });
    const statuses = [];
    for (const [i, id] of ids.entries()) statuses.push((await vote(i % 2 === 0 ? a.baseUrl : b.baseUrl, id)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
