import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'ferry' });
});
afterAll(() => server?.close());

/** A browser signed in as the reader with this address (the sign-in itself is tested with the mailed link). */
async function signedIn(email: string, name?: string): Promise<Guest> {
  const accounts = server.tribune.services.readerAccounts;
  const account = await accounts.signInWithVerifiedEmail('default', email, { name: name ?? null });
  const browser = new Guest(server.baseUrl);
  browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(account)).token);
  return browser;
}

describe('GET /api/v1/me', () => {
  it('answers a signed-in reader with their own account, and never lets a cache keep it', async () => {
    const lena = await signedIn('lena@example.org', 'Lena');
    const me = await lena.request('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json.reader).toMatchObject({ name: 'Lena', email: 'lena@example.org', avatarUrl: `/readers/${me.json.reader.id}/avatar.svg` });
    expect(me.headers.get('cache-control')).toBe('private, no-store');
  });

  it('is 401 for a guest, a made-up session and staff (staff are not a reader account)', async () => {
    const guest = await new Guest(server.baseUrl).request('GET', '/api/v1/me');
    expect(guest.status).toBe(401);
    expect(guest.json.error.code).toBe('not_signed_in');
    const forger = new Guest(server.baseUrl);
    forger.setCookie(READER_SESSION_COOKIE, 'a'.repeat(43));
    expect((await forger.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await new Guest(server.baseUrl).request('GET', '/api/v1/me', undefined, staff)).status).toBe(401);
  });
});

describe('posting as a signed-in reader', () => {
  it('posts under the account\'s name whatever the form says, with its picture', async () => {
    const ola = await signedIn('ola@example.org', 'Ola Nordmann');
    const posted = await ola.post('ferry', { body: 'The new timetable works for me.', name: 'Someone Famous', email: 'famous@example.org' });
    expect(posted.status).toBe(201);
    const me = await ola.request('GET', '/api/v1/me');
    expect(posted.json.comment.author).toMatchObject({ name: 'Ola Nordmann' });
    const listed = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/ferry/comments?sort=newest');
    const shown = listed.json.comments.find((c: { id: number }) => c.id === posted.json.comment.id);
    expect(shown.author).toMatchObject({ name: 'Ola Nordmann', avatarUrl: me.json.reader.avatarUrl, profileUrl: `/readers/${me.json.reader.id}` });
    expect(JSON.stringify(listed.json)).not.toContain('ola@example.org');
  });

  it('lets the author edit and delete from another browser they signed in on; nobody else', async () => {
    const pia = await signedIn('pia@example.org', 'Pia');
    const posted = await pia.post('ferry', { body: 'Posted from my phone.' });
    const id = posted.json.comment.id;
    const laptop = await signedIn('pia@example.org');
    const edited = await laptop.request('PATCH', `/api/v1/comments/${id}`, { body: 'Edited on my laptop.' });
    expect(edited.status).toBe(200);
    expect(edited.json.comment.html).toContain('Edited on my laptop.');

    const other = await signedIn('other.reader@example.org');
    const refused = await other.request('PATCH', `/api/v1/comments/${id}`, { body: 'Not mine to change.' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('not_your_comment');
    expect((await new Guest(server.baseUrl).request('DELETE', `/api/v1/comments/${id}`)).status).toBe(403);
    expect((await laptop.request('DELETE', `/api/v1/comments/${id}`)).json).toEqual({ deleted: true, id });
  });

  it('a ban on the account follows the reader to every browser, and spares others', async () => {
    const troll = await signedIn('troll@example.org', 'Troll');
    const posted = await troll.post('ferry', { body: 'A remark the moderators did not like.' });
    const ban = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: posted.json.comment.id, by: ['account'], reason: 'Personal attacks.' }, staff);
    expect(ban.status).toBe(201);
    expect(ban.json.bans.map((b: { kind: string }) => b.kind)).toEqual(['account']);

    const elsewhere = await signedIn('troll@example.org');
    const refused = await elsewhere.post('ferry', { body: 'Trying from another browser.' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain('Personal attacks.');
    // Still signed in: a ban stops taking part, not reading.
    expect((await elsewhere.request('GET', '/api/v1/me')).status).toBe(200);
    expect((await (await signedIn('bystander@example.org')).post('ferry', { body: 'Another reader posts as usual.' })).status).toBe(201);
    expect((await new Guest(server.baseUrl).post('ferry', { body: 'A guest posts as usual.' })).status).toBe(201);
  });
});

describe('signing out', () => {
  it('ends the session: the old cookie no longer signs anyone in', async () => {
    const reader = await signedIn('leaving@example.org');
    const stolen = reader.cookie;
    const out = await reader.request('POST', '/api/v1/auth/sign-out');
    expect(out.status).toBe(204);
    expect((await reader.request('GET', '/api/v1/me')).status).toBe(401);
    const replay = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);
  });

  it('refuses a sign-out another site\'s page sends', async () => {
    const reader = await signedIn('target@example.org');
    const forged = await reader.request('POST', '/api/v1/auth/sign-out', undefined, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect((await reader.request('GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('a reader\'s picture', () => {
  it('is an SVG drawn here, the same for the same reader and different for another', async () => {
    const one = await fetch(`${server.baseUrl}/readers/1/avatar.svg`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await one.text();
    expect(svg).toMatch(/^<svg /);
    expect(svg).not.toMatch(/href|https?:\/\/(?!www\.w3\.org)/);
    expect(await (await fetch(`${server.baseUrl}/readers/1/avatar.svg`)).text()).toBe(svg);
    expect(await (await fetch(`${server.baseUrl}/readers/2/avatar.svg`)).text()).not.toBe(svg);
    expect((await fetch(`${server.baseUrl}/readers/nobody/avatar.svg`)).status).toBe(400);
  });
});
