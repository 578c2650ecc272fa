import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { StaffBrowser } from '../support/staff-browser.js';

let server: TestServer;
let limited: TestServer;

const PASSWORD = 'moderator password 1';

beforeAll(async () => {
  [server, limited] = await Promise.all([startServer(), startServer({ TRIBUNE_RATE_LIMITS: 'on' })]);
  for (const s of [server, limited]) {
    await s.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
  }
  expect((await createArticle(server, { slug: 'harbour' })).status).toBe(201);
});
afterAll(async () => {
  await server?.close();
  await limited?.close();
});

describe('signing in through the form', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and lands on /staff', async () => {
    const browser = new StaffBrowser(server.baseUrl);
    const form = await browser.send('GET', '/staff/sign-in');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="csrf"');
    expect(form.headers.get('cache-control')).toBe('no-store');

    const res = await browser.signIn('MOD@example.org', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff');
    const cookie = res.setCookies.find((c) => c.startsWith('tribune_staff='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // plain http in tests

    const landing = await browser.send('GET', '/staff');
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('Signed in as Rosa Moderator (moderator)');
    expect(landing.text).toContain('action="/staff/sign-out"');
  });

  it('sends a visitor without a session to the sign-in form', async () => {
    const res = await new StaffBrowser(server.baseUrl).send('GET', '/staff');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/sign-in');
  });

  it('answers a wrong password and an unknown e-mail alike: 401, no hint which was wrong', async () => {
    const wrongPassword = await new StaffBrowser(server.baseUrl).signIn('mod@example.org', 'not the password');
    const unknownEmail = await new StaffBrowser(server.baseUrl).signIn('nobody@example.org', PASSWORD);
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain('Wrong e-mail or password');
      expect(res.text).not.toMatch(/no such|unknown|not found|incorrect password/i);
      expect(res.setCookies.some((c) => c.startsWith('tribune_staff='))).toBe(false);
    }
  });

  it('refuses a sign-in form without the matching CSRF token (403)', async () => {
    const browser = new StaffBrowser(server.baseUrl);
    await browser.send('GET', '/staff/sign-in');
    const forged = await browser.send('POST', '/staff/sign-in', { form: { email: 'mod@example.org', password: PASSWORD, csrf: 'forged-token' } });
    expect(forged.status).toBe(403);
    const noCookie = await new StaffBrowser(server.baseUrl).send('POST', '/staff/sign-in', { form: { email: 'mod@example.org', password: PASSWORD, csrf: 'x' } });
    expect(noCookie.status).toBe(403);
    expect(noCookie.setCookies.some((c) => c.startsWith('tribune_staff='))).toBe(false);
  });

  it('refuses sign-out without the session CSRF token (403) and ends the session with it', async () => {
    const browser = new StaffBrowser(server.baseUrl);
    expect((await browser.signIn('mod@example.org', PASSWORD)).status).toBe(303);
    const csrf = (await browser.open('/staff')).csrf;

    expect((await browser.send('POST', '/staff/sign-out', { form: { csrf: 'wrong' } })).status).toBe(403);
    expect((await browser.send('GET', '/staff')).status).toBe(200);

    const token = browser.cookies.get('tribune_staff')!;
    const out = await browser.send('POST', '/staff/sign-out', { form: { csrf } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/sign-in');
    expect(browser.cookies.has('tribune_staff')).toBe(false);
    // The old cookie, replayed, no longer works.
    browser.cookies.set('tribune_staff', token);
    expect((await browser.send('GET', '/staff')).status).toBe(303);
  });
});

describe('a signed-in moderator in the comment API', () => {
  it('edits and deletes someone else’s comment with X-CSRF-Token, shown as edited by their name', async () => {
    const posted = await new Guest(server.baseUrl).post('harbour', { body: 'The ferry is late again.' });
    expect(posted.status).toBe(201);
    const id = posted.json.comment.id;

    const browser = new StaffBrowser(server.baseUrl);
    await browser.signIn('mod@example.org', PASSWORD);
    const csrf = (await browser.open('/staff')).csrf;

    const withoutToken = await browser.send('PATCH', `/api/v1/comments/${id}`, { json: { body: 'Edited without a token' } });
    expect(withoutToken.status).toBe(403);
    const wrongToken = await browser.send('PATCH', `/api/v1/comments/${id}`, { json: { body: 'Edited with a wrong token' }, headers: { 'x-csrf-token': 'nope' } });
    expect(wrongToken.status).toBe(403);
    expect(JSON.parse(wrongToken.text).error.code).toBe('csrf_token_mismatch');

    const edited = await browser.send('PATCH', `/api/v1/comments/${id}`, { json: { body: 'The ferry is late. [edited by the moderators]' }, headers: { 'x-csrf-token': csrf } });
    expect(edited.status).toBe(200);
    expect(JSON.parse(edited.text).comment.editedBy).toBe('Rosa Moderator');

    const list = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/harbour/comments');
    expect(list.json.comments.find((c: any) => c.id === id).editedBy).toBe('Rosa Moderator');

    const deleted = await browser.send('DELETE', `/api/v1/comments/${id}`, { headers: { 'x-csrf-token': csrf } });
    expect(deleted.status).toBe(200);
  });

  it('loses staff powers after signing out', async () => {
    const posted = await new Guest(server.baseUrl).post('harbour', { body: 'Another comment here.' });
    const browser = new StaffBrowser(server.baseUrl);
    await browser.signIn('mod@example.org', PASSWORD);
    const csrf = (await browser.open('/staff')).csrf;
    const token = browser.cookies.get('tribune_staff')!;
    await browser.send('POST', '/staff/sign-out', { form: { csrf } });
    browser.cookies.set('tribune_staff', token);
    const res = await browser.send('PATCH', `/api/v1/comments/${posted.json.comment.id}`, { json: { body: 'Should not work' }, headers: { 'x-csrf-token': csrf } });
    expect(res.status).toBe(403);
  });
});

describe('sign-in rate limit', () => {
  it('stops the 11th attempt within 15 minutes with 429', async () => {
    const browser = new StaffBrowser(limited.baseUrl);
    for (let i = 0; i < 10; i++) expect((await browser.signIn('mod@example.org', `guess ${i} wrong`)).status).toBe(401);
    const blocked = await browser.signIn('mod@example.org', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many sign-in attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.setCookies.some((c) => c.startsWith('tribune_staff='))).toBe(false);
  });
});
