import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startServer, type TestServer } from '../support/server.js';
import { requestAs, type HostResponse } from '../support/host-request.js';

/**
 * Two sites on one Tribune, told apart only by the Host header a browser sends: each has its own
 * articles, discussions, counts, moderation queue, bans and audit log, even under the same slug.
 */
let server: TestServer;
const DEFAULT_HOST = 'localhost';
const SECOND_HOST = 'second.test';
const PASSWORD = 'moderator password 1';
let lastAddress = 0;

/** A reader's browser on one site's address: its own reader cookie and client address. */
class Visitor {
  private cookie = '';
  readonly address = `10.7.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;
  constructor(readonly host: string) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HostResponse> {
    const res = await requestAs(server.baseUrl, this.host, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: { 'x-forwarded-for': this.address, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    const reader = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('tribune_reader='));
    if (reader) this.cookie = reader.split(';')[0]!;
    return res;
  }

  post(slug: string, body: string, extra: Record<string, unknown> = {}) {
    return this.send('POST', `/api/v1/threads/${slug}/comments`, { body, name: 'Visitor', ...extra });
  }

  count(slug: string) {
    return this.send('GET', `/api/v1/threads/${slug}/comments`).then((res) => res.json.count as number);
  }
}

const admin = (host: string, method: string, path: string, body?: unknown) =>
  requestAs(server.baseUrl, host, method, path, { ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

const publish = (host: string, slug: string, title: string, extra: Record<string, unknown> = {}) =>
  admin(host, 'POST', '/api/v1/admin/articles', { slug, title, body: `${title}, the full story.`, author: { name: 'Maya Okafor' }, topics: ['Harbour'], ...extra });

/** A staff member's API calls as their browser makes them: the session cookie and its CSRF token, on one site's address. */
async function staffOn(email: string) {
  const { token, session } = await server.tribune.services.staff.signIn(email, PASSWORD);
  return (host: string, method: string, path: string, body?: unknown) =>
    requestAs(server.baseUrl, host, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: { cookie: `tribune_staff=${token}`, 'x-csrf-token': session.csrfToken },
    });
}

beforeAll(async () => {
  server = await startServer();
  const created = await admin(DEFAULT_HOST, 'POST', '/api/v1/admin/sites', { id: 'second', name: 'The Second Gazette', hosts: [SECOND_HOST] });
  expect(created.status).toBe(201);
  await server.tribune.services.staff.createStaff({ email: 'rosa@example.org', name: 'Rosa of the Gazette', role: 'moderator', password: PASSWORD });
  await server.tribune.services.staff.createStaff({ email: 'sam@example.org', name: 'Sam of the Second', role: 'moderator', password: PASSWORD }, 'second');
});
afterAll(async () => {
  await server?.close();
});

describe('articles and discussions', () => {
  it('the same slug on two sites is two articles, each on its own site\'s page and home page', async () => {
    expect((await publish(DEFAULT_HOST, 'harbour-bridge', 'Bridge closes for repairs')).status).toBe(201);
    expect((await publish(SECOND_HOST, 'harbour-bridge', 'Second bridge opens early')).status).toBe(201);
    // On one site the slug is still taken.
    expect((await publish(SECOND_HOST, 'harbour-bridge', 'Again')).status).toBe(409);

    const first = await requestAs(server.baseUrl, DEFAULT_HOST, 'GET', '/articles/harbour-bridge');
    const second = await requestAs(server.baseUrl, SECOND_HOST, 'GET', '/articles/harbour-bridge');
    expect(first.text).toContain('Bridge closes for repairs');
    expect(first.text).not.toContain('Second bridge opens early');
    expect(second.text).toContain('Second bridge opens early');
    expect(second.text).not.toContain('Bridge closes for repairs');
    expect(second.text).toContain('The Second Gazette');
    expect(first.text).not.toContain('The Second Gazette');

    const homes = await Promise.all([DEFAULT_HOST, SECOND_HOST].map((host) => requestAs(server.baseUrl, host, 'GET', '/')));
    expect(homes[0]!.text).toContain('Bridge closes for repairs');
    expect(homes[0]!.text).not.toContain('Second bridge opens early');
    expect(homes[1]!.text).toContain('Second bridge opens early');
    expect(homes[1]!.text).not.toContain('Bridge closes for repairs');
  });

  it('each site shows its own comments and counts, and a cached page never answers for the other site', async () => {
    await publish(DEFAULT_HOST, 'ferry-times', 'Ferry times change');
    await publish(SECOND_HOST, 'ferry-times', 'Second ferry times');
    const onFirst = new Visitor(DEFAULT_HOST);
    const onSecond = new Visitor(SECOND_HOST);
    // Both first pages are built and kept before anything is posted.
    expect(await onFirst.count('ferry-times')).toBe(0);
    expect(await onSecond.count('ferry-times')).toBe(0);
    await onFirst.send('GET', '/articles/ferry-times');
    await onSecond.send('GET', '/articles/ferry-times');

    const posted = await onSecond.post('ferry-times', 'Only the second site hears this.');
    expect(posted.status).toBe(201);
    expect(await onSecond.count('ferry-times')).toBe(1);
    expect(await onFirst.count('ferry-times')).toBe(0);
    expect((await onSecond.send('GET', '/articles/ferry-times')).text).toContain('Only the second site hears this.');
    expect((await onFirst.send('GET', '/articles/ferry-times')).text).not.toContain('Only the second site hears this.');

    expect((await onFirst.post('ferry-times', 'And the first site hears this.')).status).toBe(201);
    expect(await onFirst.count('ferry-times')).toBe(1);
    const secondPage = await onSecond.send('GET', '/api/v1/threads/ferry-times/comments');
    expect(secondPage.json.comments.map((c: { html: string }) => c.html)).toEqual([expect.stringContaining('Only the second site hears this.')]);
  });

  it('a comment is found only on its own site: replies, votes, reports, edits and links by id', async () => {
    await publish(DEFAULT_HOST, 'market-day', 'Market day');
    await publish(SECOND_HOST, 'market-day', 'Second market day');
    const author = new Visitor(SECOND_HOST);
    const posted = await author.post('market-day', 'A comment on the second site.');
    const id = posted.json.comment.id as number;
    const stranger = new Visitor(DEFAULT_HOST);

    expect((await stranger.send('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).status).toBe(404);
    expect((await stranger.send('POST', `/api/v1/comments/${id}/reports`, { reason: 'spam' })).status).toBe(404);
    expect((await stranger.send('GET', `/api/v1/comments/${id}/replies`)).status).toBe(404);
    expect((await stranger.send('GET', `/comments/${id}`)).status).toBe(404);
    expect((await stranger.post('market-day', 'Replying across sites.', { parentId: id })).status).toBe(404);
    // Even with the edit token, from the default site's address the comment is not there.
    const edit = await requestAs(server.baseUrl, DEFAULT_HOST, 'PATCH', `/api/v1/comments/${id}`, { body: { body: 'Changed from elsewhere.' }, headers: { 'x-edit-token': posted.json.editToken } });
    expect(edit.status).toBe(404);
    expect((await admin(DEFAULT_HOST, 'POST', '/api/v1/moderation/actions', { action: 'reject', ids: [id] })).status).toBe(404);

    // On its own site, all of it works.
    const voter = new Visitor(SECOND_HOST);
    expect((await voter.send('POST', `/api/v1/comments/${id}/vote`, { value: 1 })).json).toMatchObject({ votes: { up: 1 } });
    expect((await voter.send('GET', `/comments/${id}`)).status).toBe(302);
    expect((await author.send('PATCH', `/api/v1/comments/${id}`, { body: 'Edited at home.' }, { 'x-edit-token': posted.json.editToken })).status).toBe(200);
  });
});

describe('staff and bans', () => {
  it('a moderator sees and acts on their own site\'s queue only', async () => {
    await publish(DEFAULT_HOST, 'council-vote', 'Council vote', { premoderation: 'all' });
    await publish(SECOND_HOST, 'council-vote', 'Second council vote', { premoderation: 'all' });
    const heldFirst = await new Visitor(DEFAULT_HOST).post('council-vote', 'Held on the first site.');
    const heldSecond = await new Visitor(SECOND_HOST).post('council-vote', 'Held on the second site.');
    expect([heldFirst.status, heldSecond.status]).toEqual([202, 202]);
    const firstId = heldFirst.json.comment.id as number;
    const secondId = heldSecond.json.comment.id as number;

    const rosa = await staffOn('rosa@example.org');
    const sam = await staffOn('sam@example.org');
    const rosaQueue = await rosa(DEFAULT_HOST, 'GET', '/api/v1/moderation/queue?tab=pending');
    expect(rosaQueue.status).toBe(200);
    const rosaIds = rosaQueue.json.cards.map((c: { id: number }) => c.id);
    expect(rosaIds).toContain(firstId);
    expect(rosaIds).not.toContain(secondId);
    const samIds = (await sam(SECOND_HOST, 'GET', '/api/v1/moderation/queue?tab=pending')).json.cards.map((c: { id: number }) => c.id);
    expect(samIds).toEqual([secondId]);

    // On the other site's address a moderator has no powers; by id they find nothing to act on.
    expect((await rosa(SECOND_HOST, 'GET', '/api/v1/moderation/queue?tab=pending')).status).toBe(403);
    expect((await rosa(SECOND_HOST, 'POST', '/api/v1/moderation/actions', { action: 'approve', ids: [secondId] })).status).toBe(403);
    expect((await sam(DEFAULT_HOST, 'GET', '/api/v1/moderation/audit')).status).toBe(403);
    expect((await rosa(DEFAULT_HOST, 'POST', '/api/v1/moderation/actions', { action: 'approve', ids: [secondId] })).status).toBe(404);
    expect(await new Visitor(SECOND_HOST).count('council-vote')).toBe(0);

    expect((await sam(SECOND_HOST, 'POST', '/api/v1/moderation/actions', { action: 'approve', ids: [secondId] })).status).toBe(200);
    expect(await new Visitor(SECOND_HOST).count('council-vote')).toBe(1);
    expect(await new Visitor(DEFAULT_HOST).count('council-vote')).toBe(0);

    // Each site's audit log tells of its own staff's actions only.
    const secondAudit = await admin(SECOND_HOST, 'GET', '/api/v1/moderation/audit');
    expect(secondAudit.json.entries.map((e: { commentId: number }) => e.commentId)).toContain(secondId);
    const firstAudit = await admin(DEFAULT_HOST, 'GET', '/api/v1/moderation/audit');
    expect(firstAudit.json.entries.map((e: { commentId: number }) => e.commentId)).not.toContain(secondId);
  });

  it('a moderator opening the other site\'s staff pages is told they are not its staff, not sent to sign in', async () => {
    const { token, session } = await server.tribune.services.staff.signIn('rosa@example.org', PASSWORD);
    const browser = (host: string, method: string, path: string, body?: string) =>
      requestAs(server.baseUrl, host, method, path, {
        ...(body === undefined ? {} : { body }),
        headers: { cookie: `tribune_staff=${token}`, accept: 'text/html', ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      });

    for (const path of ['/staff', '/staff/moderation?tab=pending', '/staff/moderation/bans', '/staff/audit']) {
      const page = await browser(SECOND_HOST, 'GET', path);
      expect(page.status, path).toBe(403);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers.location).toBeUndefined();
      expect(page.text).toContain('You are signed in as staff of another site, not of this one.');
      expect(page.text).toContain('The Second Gazette');
    }
    const form = await browser(SECOND_HOST, 'POST', '/staff/moderation/actions', `csrf=${session.csrfToken}&action=approve&tab=pending&ids=1`);
    expect(form.status).toBe(403);
    expect(form.text).toContain('You are signed in as staff of another site, not of this one.');

    // The API says the same in its own shape.
    const api = await requestAs(server.baseUrl, SECOND_HOST, 'GET', '/api/v1/moderation/queue?tab=pending', { headers: { cookie: `tribune_staff=${token}`, 'x-csrf-token': session.csrfToken } });
    expect(api.status).toBe(403);
    expect(api.json.error).toEqual({ code: 'not_staff_here', message: 'You are signed in as staff of another site, not of this one.' });

    // Signing in with an account of this site stays open, and on her own site her pages work.
    expect((await browser(SECOND_HOST, 'GET', '/staff/sign-in')).status).toBe(200);
    const home = await browser(DEFAULT_HOST, 'GET', '/staff');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Rosa of the Gazette');
  });

  it('a ban on one site does not apply on the other', async () => {
    await publish(DEFAULT_HOST, 'school-run', 'School run');
    await publish(SECOND_HOST, 'school-run', 'Second school run');
    const troll = new Visitor(DEFAULT_HOST);
    const offence = await troll.post('school-run', 'Something the first site will not have.');
    expect(offence.status).toBe(201);
    const ban = await admin(DEFAULT_HOST, 'POST', '/api/v1/moderation/bans', { commentId: offence.json.comment.id, by: ['ip'], reason: 'Trolling.' });
    expect(ban.status).toBe(201);

    expect((await troll.post('school-run', 'Trying again here.')).status).toBe(403);
    // The same person (same address) on the second site's address is welcome there.
    const elsewhere = await requestAs(server.baseUrl, SECOND_HOST, 'POST', '/api/v1/threads/school-run/comments', {
      body: { body: 'Posting on the second site.', name: 'Visitor' },
      headers: { 'x-forwarded-for': troll.address },
    });
    expect(elsewhere.status).toBe(201);

    // Each site lists only its own bans, and cannot lift another's.
    const banId = ban.json.bans[0].id as number;
    expect((await admin(DEFAULT_HOST, 'GET', '/api/v1/moderation/bans')).json.bans.map((b: { id: number }) => b.id)).toContain(banId);
    expect((await admin(SECOND_HOST, 'GET', '/api/v1/moderation/bans')).json.bans.map((b: { id: number }) => b.id)).not.toContain(banId);
    expect((await admin(SECOND_HOST, 'DELETE', `/api/v1/moderation/bans/${banId}`)).status).toBe(404);
    expect((await troll.post('school-run', 'Still banned here.')).status).toBe(403);
  });
});

describe('what a site chose for itself', () => {
  it('applies its own e-mail requirement, pre-moderation and edit window, leaving the other site as the installation says', async () => {
    const strict = await admin(DEFAULT_HOST, 'POST', '/api/v1/admin/sites', {
      id: 'strict',
      name: 'The Strict Standard',
      hosts: ['strict.test'],
      settings: { requireEmail: true, premoderation: 'all', editWindowMinutes: 1 },
    });
    expect(strict.status).toBe(201);
    await publish('strict.test', 'rules', 'Rules of the house');
    await publish(DEFAULT_HOST, 'rules', 'Relaxed rules');

    const onStrict = new Visitor('strict.test');
    expect((await onStrict.post('rules', 'No address given.')).status).toBe(400);
    const held = await onStrict.post('rules', 'With an address, and held.', { email: 'reader@example.org' });
    expect(held.status).toBe(202);
    expect((await new Visitor(DEFAULT_HOST).post('rules', 'No address, published at once.')).status).toBe(201);

    // One minute to change a comment on the strict site; the default site keeps its fifteen.
    const mine = await new Visitor(DEFAULT_HOST).post('rules', 'Mine to edit for a while.');
    server.clock.advance(2 * 60_000);
    const late = await requestAs(server.baseUrl, 'strict.test', 'PATCH', `/api/v1/comments/${held.json.comment.id}`, { body: { body: 'Too late now.' }, headers: { 'x-edit-token': held.json.editToken } });
    expect(late.status).toBe(403);
    expect(late.json.error.code).toBe('edit_window_closed');
    const inTime = await requestAs(server.baseUrl, DEFAULT_HOST, 'PATCH', `/api/v1/comments/${mine.json.comment.id}`, { body: { body: 'Still in time.' }, headers: { 'x-edit-token': mine.json.editToken } });
    expect(inTime.status).toBe(200);
  });
});
