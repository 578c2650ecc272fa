import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  server = await startServer({ TRIBUNE_CLOSE_AFTER_DAYS: '30' });
  await createArticle(server, { slug: 'closing' });
});
afterAll(() => server?.close());

it('lets staff close and reopen a discussion; readers are told it is closed', async () => {
  const reader = new Guest(server.baseUrl);
  const posted = (await reader.post('closing', { body: 'Posted while it was open.', name: 'Early' })).json;
  expect((await reader.request('PATCH', '/api/v1/moderation/threads/closing', { closed: true })).status).toBe(401);
  expect((await reader.request('PATCH', '/api/v1/moderation/threads/closing', { closed: true }, staff)).json).toEqual({ key: 'closing', closed: true });

  const refused = await reader.post('closing', { body: 'Too late for this one.', name: 'Late' });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe('thread_closed');
  const edit = await reader.request('PATCH', `/api/v1/comments/${posted.comment.id}`, { body: 'Changed after closing.' }, { 'x-edit-token': posted.editToken });
  expect(edit.status).toBe(403);
  expect((await reader.request('GET', '/api/v1/threads/closing/comments')).json.closed).toBe(true);

  await reader.request('PATCH', '/api/v1/moderation/threads/closing', { closed: false }, staff);
  const audit = (await reader.request('GET', '/api/v1/moderation/audit', undefined, staff)).json.entries;
  expect(audit.slice(0, 2).map((e: any) => e.action)).toEqual(['open_thread', 'close_thread']);
  expect((await reader.post('closing', { body: 'Open again, so this one lands.', name: 'Late' })).status).toBe(201);
});

it('closes discussions by themselves after TRIBUNE_CLOSE_AFTER_DAYS', async () => {
  await createArticle(server, { slug: 'ageing' });
  const reader = new Guest(server.baseUrl);
  expect((await reader.post('ageing', { body: 'Fresh article, open discussion.', name: 'Prompt' })).status).toBe(201);
  server.clock.advance(31 * 86_400_000);
  const late = await reader.post('ageing', { body: 'A month later, too late.', name: 'Tardy' });
  expect(late.status).toBe(403);
  expect(late.json.error.code).toBe('thread_closed');
  expect((await reader.request('GET', '/api/v1/threads/ageing/comments')).json.closed).toBe(true);
});
