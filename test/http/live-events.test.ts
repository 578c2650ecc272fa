import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTribune, type Tribune } from '../../src/tribune.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { EventStreamClient } from '../support/event-stream.js';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  // The server first: closing ends its streams (see two-instances.test.ts for why not the other way).
  await server?.close();
  streams.forEach((s) => s.close());
});

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const streams: EventStreamClient[] = [];

async function open(baseUrl: string, slug: string, headers: Record<string, string> = {}, query = ''): Promise<EventStreamClient> {
  const stream = await EventStreamClient.open(`${baseUrl}/api/v1/threads/${slug}/events${query}`, headers);
  streams.push(stream);
  return stream;
}

async function article(slug: string, premoderation?: 'all'): Promise<void> {
  expect((await createArticle(server, { slug, ...(premoderation ? { premoderation } : {}) })).status).toBe(201);
}

const idsOf = (stream: EventStreamClient, event: string) => stream.named(event).map((e) => e.data.comment?.id ?? e.data.id);

describe('a thread event stream', () => {
  it('brings a new comment to an open page, as an event with an id', async () => {
    await article('live-new');
    const page = await open(server.baseUrl, 'live-new');
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/event-stream/);
    const posted = await new Guest(server.baseUrl).post('live-new', { body: 'The bridge reopens on Monday.', name: 'Ada' });
    expect(posted.status).toBe(201);
    await page.waitFor((events) => events.some((e) => e.event === 'published'));
    const [event] = page.named('published');
    expect(event!.id).toMatch(/^\d+$/);
    expect(event!.data.comment).toMatchObject({ id: posted.json.comment.id, author: { name: 'Ada' }, parentId: null });
    expect(event!.data.comment.html).toContain('The bridge reopens on Monday.');
    // Never anything a reader may not see.
    expect(page.raw).not.toMatch(/email|ip_hash|edit_token/);
  });

  it('answers 404 for a thread that does not exist', async () => {
    const page = await open(server.baseUrl, 'no-such-thread');
    expect(page.status).toBe(404);
    expect(JSON.parse(page.raw).error.code).toBe('thread_not_found');
  });

  it('replays what a page missed when it reconnects with Last-Event-ID, each event once', async () => {
    await article('live-resume');
    const guest = new Guest(server.baseUrl);
    const first = await open(server.baseUrl, 'live-resume');
    const one = await guest.post('live-resume', { body: 'First, while the page was open.' });
    await first.waitFor((events) => events.some((e) => e.data.comment?.id === one.json.comment.id));
    const seen = first.lastEventId!;
    first.close();

    const two = await guest.post('live-resume', { body: 'Second, while the page was away.' });
    const three = await new Guest(server.baseUrl).post('live-resume', { body: 'Third, also while away.' });
    const again = await open(server.baseUrl, 'live-resume', { 'last-event-id': seen });
    await again.waitFor((events) => events.filter((e) => e.event === 'published').length >= 2);
    const four = await guest.post('live-resume', { body: 'Fourth, after the page came back.' });
    await again.waitFor((events) => events.some((e) => e.data.comment?.id === four.json.comment.id));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idsOf(again, 'published')).toEqual([two.json.comment.id, three.json.comment.id, four.json.comment.id]);
    const ids = again.events.map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('starts a page opened without an id at what happens next, and one with ?lastEventId at that number', async () => {
    await article('live-from');
    const guest = new Guest(server.baseUrl);
    await guest.post('live-from', { body: 'Before anyone watched.' });
    const fresh = await (await open(server.baseUrl, 'live-from')).started();
    const fromZero = await (await open(server.baseUrl, 'live-from', {}, '?lastEventId=0')).started();
    const later = await guest.post('live-from', { body: 'After the page opened.' });
    await fresh.waitFor((events) => events.some((e) => e.data.comment?.id === later.json.comment.id));
    await fromZero.waitFor((events) => events.filter((e) => e.event === 'published').length === 2);
    expect(fresh.named('published')).toHaveLength(1);
  });

  it('shows edits, votes and deletions in place', async () => {
    await article('live-changes');
    const author = new Guest(server.baseUrl);
    const posted = await author.post('live-changes', { body: 'A comment to change.' });
    const id = posted.json.comment.id;
    const page = await open(server.baseUrl, 'live-changes');

    await author.request('PATCH', `/api/v1/comments/${id}`, { body: 'A comment, changed.' }, { 'x-edit-token': posted.json.editToken });
    await page.waitFor((events) => events.some((e) => e.event === 'edited'));
    expect(page.named('edited')[0]!.data.comment).toMatchObject({ id, editedBy: 'Marek' });
    expect(page.named('edited')[0]!.data.comment.html).toContain('A comment, changed.');

    expect((await new Guest(server.baseUrl).request('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(200);
    await page.waitFor((events) => events.some((e) => e.event === 'votes'));
    expect(page.named('votes')[0]!.data).toEqual({ id, votes: { up: 1, down: 0 } });

    expect((await author.request('DELETE', `/api/v1/comments/${id}`, undefined, { 'x-edit-token': posted.json.editToken })).status).toBeLessThan(300);
    await page.waitFor((events) => events.some((e) => e.event === 'removed'));
    expect(page.named('removed')[0]!.data).toEqual({ id });
  });

  it('never replays a removed comment\'s text to a page that comes back', async () => {
    await article('live-gone');
    const author = new Guest(server.baseUrl);
    const watching = await (await open(server.baseUrl, 'live-gone')).started();
    const before = watching.lastEventId!;
    watching.close();
    const posted = await author.post('live-gone', { body: 'Something I regret saying.' });
    await author.request('DELETE', `/api/v1/comments/${posted.json.comment.id}`, undefined, { 'x-edit-token': posted.json.editToken });
    const back = await open(server.baseUrl, 'live-gone', { 'last-event-id': before });
    await back.waitFor((events) => events.some((e) => e.event === 'removed'));
    expect(back.named('published')).toHaveLength(0);
    expect(back.raw).not.toContain('regret');
    expect(Number(back.lastEventId)).toBe(Number(before) + 2);
  });

  it('shows a held comment only once a moderator approves it, and takes it away when rejected', async () => {
    await article('live-held', 'all');
    const page = await open(server.baseUrl, 'live-held');
    const held = await new Guest(server.baseUrl).post('live-held', { body: 'Please check this one first.' });
    expect(held.status).toBe(202);
    const id = held.json.comment.id;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.events).toHaveLength(0);
    expect(page.raw).not.toContain('check this one');

    const act = (action: string) => fetch(`${server.baseUrl}/api/v1/moderation/actions`, { method: 'POST', headers: admin, body: JSON.stringify({ action, ids: [id] }) });
    expect((await act('approve')).status).toBe(200);
    await page.waitFor((events) => events.some((e) => e.event === 'published'));
    expect(page.named('published')[0]!.data.comment.id).toBe(id);
    expect((await act('reject')).status).toBe(200);
    await page.waitFor((events) => events.some((e) => e.event === 'removed'));
    expect(page.named('removed')[0]!.data).toEqual({ id });
  });

  it('tells a page whose Last-Event-ID the thread never gave to load the discussion again', async () => {
    await article('live-reload');
    const page = await open(server.baseUrl, 'live-reload', { 'last-event-id': '999999' });
    await page.waitFor(() => page.raw.includes('event: reload'));
    expect(page.lastEventId).toBe('0');
  });
});

describe('a thread event stream across a restart', () => {
  let database: TestDatabase;
  let running: { tribune: Tribune; baseUrl: string } | null = null;
  const env = () => ({
    TRIBUNE_ADMIN_TOKEN: ADMIN_TOKEN,
    TRIBUNE_DEMO_CONTENT: 'off',
    TRIBUNE_RATE_LIMITS: 'off',
    TRIBUNE_MIN_FILL_SECONDS: '0',
    TRIBUNE_TRUST_PROXY: '127.0.0.1',
    TRIBUNE_LIVE_STREAMS_PER_CLIENT: '2',
    ...database.env,
  });
  async function start(): Promise<{ tribune: Tribune; baseUrl: string }> {
    const tribune = await createTribune(loadConfig(env()));
    await tribune.app.listen({ port: 0, host: '127.0.0.1' });
    const address = tribune.app.server.address();
    running = { tribune, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
    return running;
  }
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await running?.tribune.close();
    await database?.drop();
  });

  it('replays what a page missed while the server restarted', async () => {
    const first = await start();
    const created = await fetch(`${first.baseUrl}/api/v1/admin/articles`, { method: 'POST', headers: admin, body: JSON.stringify({ slug: 'restart', title: 'Restart', body: 'Body.', author: { name: 'Desk' } }) });
    expect(created.status).toBe(201);
    const page = await open(first.baseUrl, 'restart');
    const one = await new Guest(first.baseUrl).post('restart', { body: 'Before the restart.' });
    await page.waitFor((events) => events.some((e) => e.event === 'published'));
    const seen = page.lastEventId!;
    // Closing the server ends the open stream instead of waiting for it.
    await first.tribune.close();
    running = null;
    expect(one.status).toBe(201);

    const second = await start();
    const two = await new Guest(second.baseUrl).post('restart', { body: 'After the restart.' });
    const back = await open(second.baseUrl, 'restart', { 'last-event-id': seen });
    await back.waitFor((events) => events.some((e) => e.event === 'published'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(idsOf(back, 'published')).toEqual([two.json.comment.id]);
  });

  it('bounds the streams one address holds, and frees a place when a page closes', async () => {
    const { baseUrl } = running ?? (await start());
    const from = { 'x-forwarded-for': '198.51.100.7' };
    const a = await open(baseUrl, 'restart', from);
    const b = await open(baseUrl, 'restart', from);
    const c = await open(baseUrl, 'restart', from);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
    expect(JSON.parse(c.raw).error.code).toBe('too_many_streams');
    expect((await open(baseUrl, 'restart', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    a.close();
    await expect.poll(async () => (await open(baseUrl, 'restart', from)).status, { timeout: 3000 }).toBe(200);
  });
});
