import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_REPORTS_TO_HIDE: '2' });
  await createArticle(server, { slug: 'reported' });
});
afterAll(() => server?.close());

const report = (guest: Guest, id: number, body: unknown = { reason: 'abuse' }) => guest.request('POST', `/api/v1/comments/${id}/reports`, body);

it('hides a comment for review once enough distinct readers report it', async () => {
  const author = new Guest(server.baseUrl);
  const id = (await author.post('reported', { body: 'A remark some find offensive.', name: 'Provocateur' })).json.comment.id;
  const first = new Guest(server.baseUrl);

  const once = await report(first, id, { reason: 'harassment', note: 'Targets another reader.' });
  expect(once.status).toBe(201);
  expect(once.json).toEqual({ reported: true, hidden: false });
  const twice = await report(first, id);
  expect(twice.status).toBe(409);
  expect(twice.json.error.code).toBe('already_reported');
  expect((await report(author, id)).json.error.code).toBe('own_comment');

  let page = (await author.request('GET', '/api/v1/threads/reported/comments')).json;
  expect(page.comments.map((c: any) => c.id)).toContain(id);

  const second = await report(new Guest(server.baseUrl), id, { reason: 'abuse' });
  expect(second.json).toEqual({ reported: true, hidden: true });
  page = (await author.request('GET', '/api/v1/threads/reported/comments')).json;
  expect(page.comments.map((c: any) => c.id)).not.toContain(id);
  expect(page.count).toBe(0);
  const mine = (await author.request('GET', '/api/v1/threads/reported/comments/mine')).json;
  expect(mine.pending.map((c: any) => c.id)).toEqual([id]);

  const stored = await server.tribune.database.db.selectFrom('comment_reports').select(['reason', 'note']).where('comment_id', '=', id).orderBy('id').execute();
  expect(stored).toEqual([
    { reason: 'harassment', note: 'Targets another reader.' },
    { reason: 'abuse', note: '' },
  ]);
  // A hidden comment can no longer be reported.
  expect((await report(new Guest(server.baseUrl), id)).status).toBe(404);
});

it('refuses unknown reasons and unknown comments', async () => {
  const guest = new Guest(server.baseUrl);
  const bad = await report(guest, 1, { reason: 'i-just-disagree' });
  expect(bad.status).toBe(400);
  expect(bad.json.error.field).toBe('reason');
  expect((await report(guest, 999999)).status).toBe(404);
});
