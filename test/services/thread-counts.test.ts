import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadCountFolder } from '../../src/services/thread-counts.js';
import { Store } from '../../src/store/store.js';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'counted' });
});
afterAll(() => server?.close());

const countShown = async () => (await (await fetch(`${server.baseUrl}/api/v1/threads/counted/comments?limit=1`)).json()).count as number;

describe('thread comment counts', () => {
  it('count every post made at once, before and after the pending changes are folded', async () => {
    const bodies = Array.from({ length: 24 }, (_, i) => `Comment number ${i} about the harbour bridge repair and its cost.`);
    const posted = await Promise.all(bodies.map((body, i) => new Guest(server.baseUrl).post('counted', { body, name: `Reader ${i}` })));
    expect(posted.map((r) => r.status)).toEqual(bodies.map(() => 201));
    expect(await countShown()).toBe(24);

    // A deleted comment leaves the count at once, and folding changes nothing a reader sees.
    const guest = new Guest(server.baseUrl);
    const mine = await guest.post('counted', { body: 'I will take this one back in a minute.', name: 'Hasty' });
    expect(await countShown()).toBe(25);
    expect((await guest.request('DELETE', `/api/v1/comments/${mine.json.comment.id}`, undefined, { 'x-edit-token': mine.json.editToken })).status).toBe(200);
    expect(await countShown()).toBe(24);

    const store = Store.from(server.tribune.database);
    await new ThreadCountFolder(store, (error) => {
      throw error;
    }).foldNow();
    const pending = await server.tribune.database.db.selectFrom('thread_count_changes').selectAll().execute();
    expect(pending).toEqual([]);
    expect(await countShown()).toBe(24);
    const article = await (await fetch(`${server.baseUrl}/articles/counted`)).text();
    expect(article).toMatch(/>24 [Cc]omments</);
  });
});
