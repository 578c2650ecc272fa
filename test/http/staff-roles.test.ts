import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, type StaffBrowser } from '../support/staff-browser.js';
import { requestAs } from '../support/host-request.js';

/**
 * What each staff role does on its site, as staff would notice it: authors publish and change their
 * own articles, editors every article, moderators the discussions, admins the site's staff and
 * settings. Who may call which route at all is in authorisation-matrix.test.ts.
 */
const PASSWORD = 'correct horse battery staple';
let server: TestServer;
const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A staff member's API calls as their browser makes them: the session cookie and its CSRF token. */
async function api(browser: StaffBrowser) {
  const { csrf } = await browser.open('/staff');
  return (method: string, path: string, json?: unknown) => browser.send(method, path, { ...(json === undefined ? {} : { json }), headers: { 'x-csrf-token': csrf } });
}

async function staffMember(email: string, role: string) {
  await server.tribune.services.staff.createStaff({ email, name: `The ${role}`, role, password: PASSWORD });
  const browser = await signedIn(server.baseUrl, email, PASSWORD);
  return { browser, call: await api(browser) };
}

const article = (slug: string) => ({ slug, title: `Story ${slug}`, body: 'The full story.', author: { name: 'Maya Okafor' } });

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('articles', () => {
  it('an author publishes and changes their own article, not another author\'s; an editor changes both', async () => {
    const ana = await staffMember('ana@example.org', 'author');
    const ben = await staffMember('ben@example.org', 'author');
    const eve = await staffMember('eve@example.org', 'editor');
    expect((await ana.call('POST', '/api/v1/admin/articles', article('anas-story'))).status).toBe(201);
    expect((await ben.call('POST', '/api/v1/admin/articles', article('bens-story'))).status).toBe(201);

    const own = await ana.call('PATCH', '/api/v1/admin/articles/anas-story', { title: 'Ana’s story, corrected' });
    expect(own.status).toBe(200);
    expect(own.json.article.title).toBe('Ana’s story, corrected');
    const page = await fetch(`${server.baseUrl}/articles/anas-story`).then((r) => r.text());
    expect(page).toContain('Ana’s story, corrected');

    const others = await ana.call('PATCH', '/api/v1/admin/articles/bens-story', { title: 'Taken over' });
    expect(others.status).toBe(403);
    expect(others.json.error.code).toBe('not_your_article');
    expect(await fetch(`${server.baseUrl}/articles/bens-story`).then((r) => r.text())).not.toContain('Taken over');
    // Nor one published by the newsroom's scripts.
    expect((await server.tribune.app.inject({ method: 'POST', url: '/api/v1/admin/articles', headers: bearer, payload: article('newsroom-story') })).statusCode).toBe(201);
    expect((await ana.call('PATCH', '/api/v1/admin/articles/newsroom-story', { body: 'Rewritten.' })).status).toBe(403);

    const edited = await eve.call('PATCH', '/api/v1/admin/articles/bens-story', { standfirst: 'Edited by the desk.' });
    expect(edited.status).toBe(200);
    expect((await eve.call('PATCH', '/api/v1/admin/articles/newsroom-story', { body: 'Tightened by the desk.' })).status).toBe(200);
    expect(await fetch(`${server.baseUrl}/articles/newsroom-story`).then((r) => r.text())).toContain('Tightened by the desk.');
    expect((await eve.call('PATCH', '/api/v1/admin/articles/no-such-story', { title: 'x' })).status).toBe(404);
    expect((await eve.call('PATCH', '/api/v1/admin/articles/bens-story', { title: '' })).json.error.field).toBe('title');
  });

  it('authors and editors do not moderate: no queue, no bans, no one else\'s comments', async () => {
    const writer = await staffMember('writer@example.org', 'author');
    const desk = await staffMember('desk@example.org', 'editor');
    const guest = new Guest(server.baseUrl);
    const posted = await guest.post('anas-story', { body: 'A reader’s comment.' });
    expect(posted.status).toBe(201);
    for (const { browser, call } of [writer, desk]) {
      expect((await call('GET', '/api/v1/moderation/queue?tab=pending')).json.error.code).toBe('moderators_only');
      expect((await call('POST', '/api/v1/moderation/actions', { action: 'reject', ids: [posted.json.comment.id] })).status).toBe(403);
      expect((await call('PATCH', `/api/v1/comments/${posted.json.comment.id}`, { body: 'Rewritten by staff.' })).status).toBe(403);
      const queue = await browser.send('GET', '/staff/moderation');
      expect(queue.status).toBe(403);
      expect(queue.text).toContain('Only moderators and admins can moderate discussions.');
      const home = await browser.open('/staff');
      expect(home.text).not.toContain('href="/staff/moderation"');
      expect(home.text).toContain('href="/staff/articles"');
    }
    expect((await guest.request('GET', '/api/v1/threads/anas-story/comments')).json.comments[0].html).toContain('A reader’s comment.');
  });
});

describe('the site\'s staff and settings', () => {
  it('an admin adds staff to their site and changes their role; others may not', async () => {
    const admin = await staffMember('boss@example.org', 'admin');
    const added = await admin.call('POST', '/api/v1/admin/staff', { email: 'new.editor@example.org', name: 'New Editor', role: 'editor', password: PASSWORD });
    expect(added.status).toBe(201);
    expect(added.json.staff).toMatchObject({ email: 'new.editor@example.org', role: 'editor' });
    const newcomer = await signedIn(server.baseUrl, 'new.editor@example.org', PASSWORD);
    expect((await newcomer.open('/staff')).text).toContain('(editor)');
    expect((await newcomer.send('GET', '/staff/moderation')).status).toBe(403);

    expect((await admin.call('PATCH', `/api/v1/admin/staff/${added.json.staff.id}`, { role: 'moderator' })).status).toBe(200);
    expect((await newcomer.send('GET', '/staff/moderation')).status).toBe(200);
    const listed = await admin.call('GET', '/api/v1/admin/staff');
    expect(listed.json.staff).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'new.editor@example.org', role: 'moderator' })]));
    expect(JSON.stringify(listed.json)).not.toContain('password');

    const bad = await admin.call('POST', '/api/v1/admin/staff', { email: 'x@example.org', name: 'X', role: 'owner', password: PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('role');

    const editor = await api(newcomer);
    expect((await editor('POST', '/api/v1/admin/staff', { email: 'sneaky@example.org', name: 'Sneaky', role: 'admin', password: PASSWORD })).json.error.code).toBe('admins_only');
  });

  it('an admin changes their own site\'s settings, not another site\'s', async () => {
    const created = await server.tribune.app.inject({ method: 'POST', url: '/api/v1/admin/sites', headers: bearer, payload: { id: 'other', name: 'The Other Paper', hosts: ['other.test'] } });
    expect(created.statusCode).toBe(201);
    const admin = await staffMember('chief@example.org', 'admin');
    const own = await admin.call('PATCH', '/api/v1/admin/sites/default', { settings: { maxDepth: 3 } });
    expect(own.status).toBe(200);
    expect(own.json.site.settings).toEqual({ maxDepth: 3 });
    expect((await admin.call('GET', '/api/v1/admin/sites/default')).json.site).toMatchObject({ id: 'default', settings: { maxDepth: 3 } });
    expect((await admin.call('GET', '/api/v1/admin/sites/other')).status).toBe(403);
    const other = await admin.call('PATCH', '/api/v1/admin/sites/other', { name: 'Taken over' });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('not_your_site');
    // Only the admin token makes sites.
    expect((await admin.call('POST', '/api/v1/admin/sites', { id: 'mine', name: 'Mine', hosts: ['mine.test'] })).status).toBe(401);
    const editor = await staffMember('chief.editor@example.org', 'editor');
    expect((await editor.call('PATCH', '/api/v1/admin/sites/default', { settings: {} })).json.error.code).toBe('admins_only');
    // The other site's admins, on its own address, may.
    const theirs = await server.tribune.services.staff.createStaff({ email: 'their.admin@example.org', name: 'Their Admin', role: 'admin', password: PASSWORD }, 'other');
    const { token, session } = await server.tribune.services.staff.signIn('their.admin@example.org', PASSWORD);
    const res = await requestAs(server.baseUrl, 'other.test', 'PATCH', '/api/v1/admin/sites/other', { body: { name: 'The Other Paper, renamed' }, headers: { cookie: `tribune_staff=${token}`, 'x-csrf-token': session.csrfToken } });
    expect(res.status).toBe(200);
    expect(theirs.role).toBe('admin');
  });
});
