import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { requestAs } from '../support/host-request.js';
import { EventStreamClient } from '../support/event-stream.js';

/** "My content and settings": each route acts on the signed-in reader's own account, and on nobody else's. */

let server: TestServer;
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'harbour' });
  await createArticle(server, { slug: 'ferry' });
});
afterAll(() => server?.close());

/** A browser signed in as the reader with this address (signing in by link is the accounts' tests' subject). */
async function signedIn(email: string, name?: string): Promise<Guest> {
  const accounts = server.tribune.services.readerAccounts;
  const account = await accounts.signInWithVerifiedEmail('default', email, { name: name ?? null });
  const browser = new Guest(server.baseUrl);
  browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(account)).token);
  return browser;
}

const form = (browser: Guest, path: string, fields: Record<string, string>, origin = server.baseUrl) =>
  browser.request('POST', path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', origin });

async function shownAuthor(slug: string, commentId: number) {
  const listed = await new Guest(server.baseUrl).request('GET', `/api/v1/threads/${slug}/comments?sort=newest&limit=50`);
  const all = listed.json.comments.flatMap((c: any) => [c, ...c.replies]);
  return { comment: all.find((c: any) => c.id === commentId), count: listed.json.count as number, json: JSON.stringify(listed.json) };
}

describe('who may use it', () => {
  it('refuses a guest, staff and a made-up session on every route, and the page asks a guest to sign in', async () => {
    const guest = new Guest(server.baseUrl);
    await guest.post('harbour', { body: 'A guest with a reader cookie.', email: 'guest@example.org' });
    const forger = new Guest(server.baseUrl);
    forger.setCookie(READER_SESSION_COOKIE, 'b'.repeat(43));
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/me/comments'],
      ['PATCH', '/api/v1/me', { name: 'Someone' }],
      ['GET', '/api/v1/me/data'],
      ['DELETE', '/api/v1/me'],
      ['GET', '/api/v1/me/guest-comments'],
      ['POST', '/api/v1/me/guest-comments/claim'],
    ];
    for (const [method, path, body] of routes) {
      for (const [who, browser, headers] of [['guest', guest, {}], ['forged session', forger, {}], ['staff token', new Guest(server.baseUrl), staff]] as const) {
        const answer = await browser.request(method, path, body, headers);
        expect(answer.status, `${method} ${path} as ${who}`).toBe(401);
        expect(answer.json.error.code).toBe('not_signed_in');
      }
    }
    for (const path of ['/account/name', '/account/claim', '/account/delete']) {
      const answer = await form(guest, path, { name: 'X', confirm: 'yes' });
      expect(answer.status, path).toBe(401);
      expect(answer.headers.get('content-type')).toContain('text/html');
    }
    const page = await guest.request('GET', '/account');
    expect(page.status).toBe(401);
    expect(page.json).toContain('Sign in by e-mail');
  });

  it('never mixes two readers: each sees, renames and exports only their own', async () => {
    const ines = await signedIn('ines@example.org', 'Ines');
    const jonas = await signedIn('jonas@example.org', 'Jonas');
    const hers = (await ines.post('harbour', { body: 'Ines on the harbour.' })).json.comment.id;
    const his = (await jonas.post('harbour', { body: 'Jonas on the harbour.' })).json.comment.id;

    const inesList = await ines.request('GET', '/api/v1/me/comments');
    expect(inesList.json.comments.map((c: any) => c.id)).toEqual([hers]);
    expect(inesList.headers.get('cache-control')).toBe('private, no-store');
    expect((await jonas.request('GET', '/api/v1/me/comments')).json.comments.map((c: any) => c.id)).toEqual([his]);

    expect((await jonas.request('PATCH', '/api/v1/me', { name: 'J. Berg' })).json.reader.name).toBe('J. Berg');
    expect((await shownAuthor('harbour', hers)).comment.author.name).toBe('Ines');

    const data = (await ines.request('GET', '/api/v1/me/data')).json;
    expect(data.comments.map((c: any) => c.id)).toEqual([hers]);
    expect(JSON.stringify(data)).not.toContain('jonas@example.org');
  });

  it('a session of one site is nobody on another site', async () => {
    expect((await requestAs(server.baseUrl, 'localhost', 'POST', '/api/v1/admin/sites', { body: { id: 'valley', name: 'Valley Post', hosts: ['valley.test'] }, headers: staff })).status).toBe(201);
    const kai = await signedIn('kai@example.org', 'Kai');
    const cookie = kai.cookie;
    const elsewhere = await requestAs(server.baseUrl, 'valley.test', 'GET', '/api/v1/me/comments', { headers: { cookie } });
    expect(elsewhere.status).toBe(401);
    expect((await requestAs(server.baseUrl, 'valley.test', 'DELETE', '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await kai.request('GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('my comments and my name', () => {
  it('lists every comment of mine, newest first, with its discussion and whether readers can see it', async () => {
    const lea = await signedIn('lea@example.org', 'Lea');
    const first = (await lea.post('harbour', { body: 'First thoughts on the harbour.' })).json.comment.id;
    const second = (await lea.post('ferry', { body: 'And on the ferry.' })).json.comment.id;
    await server.tribune.database.db.updateTable('comments').set({ status: 'pending' }).where('id', '=', first).execute();

    const { json } = await lea.request('GET', '/api/v1/me/comments');
    expect(json.comments.map((c: any) => [c.id, c.thread.key, c.status])).toEqual([
      [second, 'ferry', 'published'],
      [first, 'harbour', 'pending'],
    ]);
    expect(json.comments[0]).toMatchObject({ thread: { title: 'Article ferry' }, url: `/articles/ferry?comment=${second}`, votes: { up: 0, down: 0 } });
    expect(json.comments[0].html).toContain('And on the ferry.');
    expect(json.comments[1].url).toBeNull();

    const page = await lea.request('GET', '/account');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(page.json).toContain('My content and settings');
    expect(page.json).toContain('Waiting for a moderator');
    expect(page.json).toContain('And on the ferry.');
  });

  it('renames me on my account and on every comment I wrote; a name must be given and fit', async () => {
    const max = await signedIn('max@example.org', 'Max');
    const id = (await max.post('harbour', { body: 'Signed Max for now.' })).json.comment.id;
    expect((await shownAuthor('harbour', id)).comment.author.name).toBe('Max');

    const renamed = await max.request('PATCH', '/api/v1/me', { name: '  Max   Mustermann ' });
    expect(renamed.status).toBe(200);
    expect(renamed.json.reader.name).toBe('Max Mustermann');
    expect((await max.request('GET', '/api/v1/me')).json.reader.name).toBe('Max Mustermann');
    expect((await shownAuthor('harbour', id)).comment.author.name).toBe('Max Mustermann');

    for (const [name, code] of [['   ', 'name_required'], ['x'.repeat(51), 'name_too_long']]) {
      const refused = await max.request('PATCH', '/api/v1/me', { name });
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ code, field: 'name' });
    }
    expect((await max.request('PATCH', '/api/v1/me', {})).json.error.field).toBe('name');

    // The page's form does the same, from this site's page only.
    const byForm = await form(max, '/account/name', { name: 'Max M.' });
    expect(byForm.status).toBe(303);
    expect(byForm.headers.get('location')).toBe('/account?done=renamed');
    expect((await shownAuthor('harbour', id)).comment.author.name).toBe('Max M.');
    expect((await form(max, '/account/name', { name: 'Hijacked' }, 'https://evil.example')).status).toBe(403);
    expect((await max.request('GET', '/api/v1/me')).json.reader.name).toBe('Max M.');
  });
  it('shows my new name on pages that are open, comment by comment', async () => {
    const una = await signedIn('una@example.org', 'Una');
    const first = (await una.post('ferry', { body: 'Una on the ferry.' })).json.comment.id;
    const second = (await una.post('ferry', { body: 'Una again.' })).json.comment.id;
    const page = await EventStreamClient.open(`${server.baseUrl}/api/v1/threads/ferry/events`);
    try {
      expect((await una.request('PATCH', '/api/v1/me', { name: 'Una Lund' })).status).toBe(200);
      await page.waitFor((events) => events.filter((e) => e.event === 'edited').length >= 2);
      expect(page.named('edited').map((e) => [e.data.comment.id, e.data.comment.author.name])).toEqual([
        [first, 'Una Lund'],
        [second, 'Una Lund'],
      ]);
    } finally {
      page.close();
    }
  });
});

describe('my data', () => {
  it('downloads as one JSON file: my account, my comments with thread and status, the votes from this browser', async () => {
    const nora = await signedIn('nora@example.org', 'Nora');
    const mine = (await nora.post('harbour', { body: 'Nora writes **this**.' })).json.comment.id;
    const other = (await new Guest(server.baseUrl).post('harbour', { body: 'Someone else entirely.' })).json.comment.id;
    expect((await nora.request('POST', `/api/v1/comments/${other}/vote`, { value: -1 })).status).toBe(200);

    const answer = await nora.request('GET', '/api/v1/me/data');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="default-reader-\d+-data\.json"$/);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const data = answer.json;
    expect(data.account).toMatchObject({ name: 'Nora', email: 'nora@example.org' });
    expect(data.site).toEqual({ id: 'default', name: 'The Harbour Gazette' });
    expect(data.comments).toHaveLength(1);
    expect(data.comments[0]).toMatchObject({ id: mine, status: 'published', body: 'Nora writes **this**.', thread: { key: 'harbour', title: 'Article harbour' } });
    expect(data.comments[0].html).toContain('<strong>this</strong>');
    expect(data.votes).toEqual([{ commentId: other, value: -1, createdAt: expect.any(String) }]);
    expect(data.subscriptions).toEqual([]);
    expect(data.follows).toEqual([]);
  });

  it('holds the discussions I subscribed to, whom I follow and my notification settings, and nobody else’s', async () => {
    const rosa = await signedIn('rosa@example.org', 'Rosa');
    const sven = await signedIn('sven@example.org', 'Sven');
    expect((await sven.request('PATCH', '/api/v1/me/notifications', { allowFollowers: true })).status).toBe(200);
    const svens = (await sven.post('ferry', { body: 'Sven on the ferry.' })).json.comment.id;
    expect((await sven.request('POST', '/api/v1/threads/harbour/subscriptions', { kind: 'thread' })).status).toBe(201);

    expect((await rosa.request('POST', '/api/v1/threads/ferry/subscriptions', { kind: 'replies', delivery: 'daily' })).status).toBe(201);
    // Before signing in she had asked, as a guest, to follow the harbour: her address, not yet confirmed.
    expect((await new Guest(server.baseUrl).request('POST', '/api/v1/threads/harbour/subscriptions', { kind: 'thread', email: 'Rosa@Example.org' })).status).toBe(202);
    expect((await rosa.request('POST', '/api/v1/authors/maya-okafor/followers', { delivery: 'daily' })).status).toBe(201);
    expect((await rosa.request('POST', `/api/v1/comments/${svens}/author/followers`, {})).status).toBe(201);
    expect((await rosa.request('PATCH', '/api/v1/me/notifications', { mentions: 'off' })).status).toBe(200);

    const data = (await rosa.request('GET', '/api/v1/me/data')).json;
    expect(data.subscriptions).toEqual([
      { thread: { key: 'ferry', title: 'Article ferry' }, kind: 'replies', email: 'rosa@example.org', delivery: 'daily', confirmed: true, createdAt: expect.any(String) },
      { thread: { key: 'harbour', title: 'Article harbour' }, kind: 'thread', email: 'rosa@example.org', delivery: 'now', confirmed: false, createdAt: expect.any(String) },
    ]);
    expect(data.follows).toEqual([
      { kind: 'author', name: 'Maya Okafor', delivery: 'daily', createdAt: expect.any(String) },
      { kind: 'commenter', name: 'Sven', delivery: 'now', createdAt: expect.any(String) },
    ]);
    expect(data.notifications).toEqual({ allowFollowers: false, mentions: 'off' });
    expect(JSON.stringify(data)).not.toContain('sven@example.org');

    const his = (await sven.request('GET', '/api/v1/me/data')).json;
    expect(his.subscriptions.map((s: any) => s.thread.key)).toEqual(['harbour']);
    expect(his.follows).toEqual([]);
    expect(his.notifications.allowFollowers).toBe(true);
  });
});

describe('claiming guest comments', () => {
  it('claims only the guest comments whose stored e-mail is my verified address', async () => {
    const guest = new Guest(server.baseUrl);
    const a = (await guest.post('harbour', { body: 'Posted as a guest, first.', name: 'Olga G.', email: 'Olga@Example.org' })).json.comment.id;
    const b = (await guest.post('ferry', { body: 'Posted as a guest, second.', name: 'Olga G.', email: 'olga@example.org' })).json.comment.id;
    const typo = (await guest.post('ferry', { body: 'With a typo in the address.', name: 'Olga G.', email: 'olga@example.com' })).json.comment.id;

    const olga = await signedIn('olga@example.org', 'Olga');
    const stranger = await signedIn('stranger@example.org', 'Stranger');
    expect((await stranger.request('GET', '/api/v1/me/guest-comments')).json).toEqual({ count: 0 });
    expect((await stranger.request('POST', '/api/v1/me/guest-comments/claim')).json).toEqual({ claimed: 0 });

    expect((await olga.request('GET', '/api/v1/me/guest-comments')).json).toEqual({ count: 2 });
    const page = await olga.request('GET', '/account');
    expect(page.json).toContain('2 comments were posted as a guest with olga@example.org');

    const claimed = await form(olga, '/account/claim', {});
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get('location')).toBe('/account?done=claimed&n=2');
    expect((await olga.request('GET', '/api/v1/me/comments')).json.comments.map((c: any) => c.id)).toEqual([b, a]);
    const shown = (await shownAuthor('harbour', a)).comment;
    expect(shown.author).toMatchObject({ name: 'Olga', profileUrl: expect.stringMatching(/^\/readers\/\d+$/) });
    expect((await shownAuthor('ferry', typo)).comment.author).toEqual({ name: 'Olga G.', website: null });
    // Claimed once: nothing is left to claim, and the count says so.
    expect((await olga.request('GET', '/api/v1/me/guest-comments')).json).toEqual({ count: 0 });
    expect((await olga.request('GET', '/account')).json).not.toContain('posted as a guest with');
  });
});

describe('deleting my account', () => {
  it('keeps my comments as by a deleted reader by default, signs me out, and frees my address', async () => {
    const pat = await signedIn('pat@example.org', 'Pat');
    const id = (await pat.post('harbour', { body: 'Pat was here.', website: 'https://pat.example' })).json.comment.id;
    const before = await shownAuthor('harbour', id);

    const deleted = await pat.request('DELETE', '/api/v1/me');
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ deleted: true, comments: 'anonymise' });
    expect((await pat.request('GET', '/api/v1/me')).status).toBe(401);

    const after = await shownAuthor('harbour', id);
    expect(after.comment.author).toEqual({ name: 'Deleted reader', website: null });
    expect(after.comment.html).toContain('Pat was here.');
    expect(after.count).toBe(before.count);
    expect(after.json).not.toContain('pat@example.org');
    const [row] = await server.tribune.database.db.selectFrom('comments').selectAll().where('id', '=', id).execute();
    expect(row).toMatchObject({ account_id: null, author_email: null, reader_id: null, ip_hash: null, edit_token_hash: null });

    // The same address signs in to a new, empty account.
    const again = await signedIn('pat@example.org');
    expect((await again.request('GET', '/api/v1/me/comments')).json.comments).toEqual([]);
    expect((await again.request('GET', '/api/v1/me/guest-comments')).json).toEqual({ count: 0 });
  });

  it('removes my comments when the site says so, keeping a placeholder where others replied', async () => {
    const quinn = await signedIn('quinn@example.org', 'Quinn');
    const answered = (await quinn.post('ferry', { body: 'Quinn asks about the timetable.' })).json.comment.id;
    const alone = (await quinn.post('ferry', { body: 'Quinn adds a lonely remark.' })).json.comment.id;
    const reply = (await new Guest(server.baseUrl).post('ferry', { body: 'Answering Quinn.', parentId: answered })).json.comment.id;
    const before = await shownAuthor('ferry', answered);
    expect((await new Guest(server.baseUrl).request('PATCH', '/api/v1/admin/sites/default', { settings: { deletedReaderComments: 'remove' } }, staff)).status).toBe(200);
    try {
      const page = await quinn.request('GET', '/account');
      expect(page.json).toContain('your comments are deleted');
      // The form needs the box ticked.
      const unticked = await form(quinn, '/account/delete', {});
      expect(unticked.status).toBe(400);
      expect(unticked.json).toContain('I want to delete my account');
      expect((await quinn.request('GET', '/api/v1/me')).status).toBe(200);

      const done = await form(quinn, '/account/delete', { confirm: 'yes' });
      expect(done.status).toBe(200);
      expect(done.json).toContain('Your comments are removed.');
      expect((await quinn.request('GET', '/api/v1/me')).status).toBe(401);

      const after = await shownAuthor('ferry', answered);
      expect(after.count).toBe(before.count - 2);
      expect(after.comment.html).toBe('');
      expect(after.comment.replies.map((r: any) => r.id)).toEqual([reply]);
      expect(after.json).not.toContain('Quinn adds a lonely remark.');
      expect(after.json).not.toContain('Quinn asks');
      expect((await shownAuthor('ferry', alone)).comment).toBeUndefined();
    } finally {
      await new Guest(server.baseUrl).request('PATCH', '/api/v1/admin/sites/default', { settings: {} }, staff);
    }
  });
});
