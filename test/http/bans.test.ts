import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'heated' });
});
afterAll(() => server?.close());

it('stops a suspended commenter from posting with the reason and the end date, until it is lifted', async () => {
  const troll = new Guest(server.baseUrl);
  const posted = await troll.post('heated', { body: 'Everyone here is wrong and I will keep saying it.', name: 'Troll', email: 'troll@example.org' });
  expect(posted.status).toBe(201);

  const anonymous = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: posted.json.comment.id, by: ['email'], reason: 'x' });
  expect(anonymous.status).toBe(401);

  const order = await new Guest(server.baseUrl).request(
    'POST',
    '/api/v1/moderation/bans',
    { commentId: posted.json.comment.id, by: ['email', 'reader'], reason: 'Repeated personal attacks on other readers.', days: 7 },
    staff,
  );
  expect(order.status).toBe(201);
  expect(order.json.bans.map((b: any) => b.kind)).toEqual(['email', 'reader']);

  const blocked = await troll.post('heated', { body: 'Trying again after the ban.', name: 'Troll', email: 'troll@example.org' });
  expect(blocked.status).toBe(403);
  expect(blocked.json.error.code).toBe('banned');
  expect(blocked.json.error.message).toContain('Repeated personal attacks on other readers.');
  expect(blocked.json.error.message).toMatch(/until .*2026|until .*2027/);
  // A new e-mail does not help: the reader cookie is banned too.
  expect((await troll.post('heated', { body: 'With another address this time.', name: 'Troll', email: 'other@example.org' })).status).toBe(403);
  // Other readers are not affected.
  expect((await new Guest(server.baseUrl).post('heated', { body: 'A calm reader posts as usual.', name: 'Calm' })).status).toBe(201);

  const listed = await new Guest(server.baseUrl).request('GET', '/api/v1/moderation/bans', undefined, staff);
  expect(listed.json.bans).toHaveLength(2);

  const audit = await new Guest(server.baseUrl).request('GET', '/api/v1/moderation/audit', undefined, staff);
  expect(audit.json.entries[0]).toMatchObject({ staffName: 'Staff', action: 'suspend', commentId: posted.json.comment.id });
  expect(audit.json.entries[0].details.after.reason).toBe('Repeated personal attacks on other readers.');

  // Suspensions end by themselves.
  server.clock.advance(8 * 86_400_000);
  expect((await troll.post('heated', { body: 'Back after the suspension, calmer.', name: 'Troll', email: 'troll@example.org' })).status).toBe(201);
});

it('bans until lifted, and refuses orders it cannot carry out', async () => {
  const spammer = new Guest(server.baseUrl);
  const posted = await spammer.post('heated', { body: 'An off-topic remark about something else.', name: 'Nomail' });
  const id = posted.json.comment.id;

  const noEmail = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: id, by: ['email'], reason: 'Spam.' }, staff);
  expect(noEmail.status).toBe(400);
  expect(noEmail.json.error).toMatchObject({ code: 'nothing_to_ban', field: 'by' });
  const unknown = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: 999999, by: ['ip'], reason: 'Spam.' }, staff);
  expect(unknown.status).toBe(404);

  const ban = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: id, by: ['ip'], reason: 'Spam from this address.' }, staff);
  expect(ban.status).toBe(201);
  // Banned by address: every cookie from it is refused.
  const neighbour = new Guest(server.baseUrl, { address: spammer.address });
  const refused = await neighbour.post('heated', { body: 'Someone else on the same address.', name: 'Neighbour' });
  expect(refused.status).toBe(403);
  expect(refused.json.error.message).not.toContain('until');

  const lifted = await new Guest(server.baseUrl).request('DELETE', `/api/v1/moderation/bans/${ban.json.bans[0].id}`, undefined, staff);
  expect(lifted.json).toEqual({ lifted: true });
  const audit = await new Guest(server.baseUrl).request('GET', '/api/v1/moderation/audit', undefined, staff);
  expect(audit.json.entries.slice(0, 2).map((e: any) => e.action)).toEqual(['lift_ban', 'ban']);
  expect((await neighbour.post('heated', { body: 'Posting again once the ban is lifted.', name: 'Neighbour' })).status).toBe(201);
  expect((await new Guest(server.baseUrl).request('DELETE', `/api/v1/moderation/bans/${ban.json.bans[0].id}`, undefined, staff)).status).toBe(404);
});
