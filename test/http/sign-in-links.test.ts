import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LINK_LIMITS } from '../../src/services/sign-in-links.js';
import { mailsTo, signInLinkFor } from '../support/mail-folder.js';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'harbour' });
});
afterAll(() => server?.close());

/** Follows a mailed link as a browser does: opens the page, then presses its "Sign in" button. */
async function pressSignIn(browser: Guest, link: URL, form: Record<string, string> = {}, origin = server.baseUrl) {
  const page = await browser.request('GET', link.pathname);
  const action = /<form method="post" action="([^"]+)"/.exec(String(page.json))?.[1];
  return browser.request('POST', action ?? link.pathname, new URLSearchParams(form).toString(), { 'content-type': 'application/x-www-form-urlencoded', origin });
}

describe('asking for a sign-in link', () => {
  it('answers 202 with the same body for a known and an unknown address, and mails both a link', async () => {
    await server.tribune.services.readerAccounts.signInWithVerifiedEmail('default', 'known@example.org');
    const known = await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'known@example.org' });
    const unknown = await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'unknown@example.org' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.json).toEqual(known.json);
    expect(known.json.message).toMatch(/inbox/);
    for (const address of ['known@example.org', 'unknown@example.org']) {
      const [mail] = await mailsTo(server, address);
      expect(mail?.subject).toBe('Your sign-in link for The Harbour Gazette');
      expect(mail?.text).toMatch(/works once, within 15 minutes/);
      expect(mail?.html).toContain('/sign-in/');
    }
  });

  it('stores only a hash of the link\'s token', async () => {
    await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'hashed@example.org' });
    const token = (await signInLinkFor(server, 'hashed@example.org')).pathname.split('/').at(-1)!;
    const rows = await server.tribune.database.db.selectFrom('sign_in_links').selectAll().where('email', '=', 'hashed@example.org').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('points the link at the origin the reader asked from', async () => {
    await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'proxied@example.org' }, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'news.example.org' });
    expect((await signInLinkFor(server, 'proxied@example.org')).origin).toBe('https://news.example.org');
  });

  it('refuses an address that is not one, and a return path off this site, naming the field', async () => {
    const guest = new Guest(server.baseUrl);
    const bad = await guest.request('POST', '/api/v1/auth/magic-link', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('email');
    for (const returnTo of ['https://evil.example/', '//evil.example/path', '/\\evil.example', 'articles/harbour']) {
      const away = await guest.request('POST', '/api/v1/auth/magic-link', { email: 'ok@example.org', returnTo });
      expect(away.status, returnTo).toBe(400);
      expect(away.json.error.field).toBe('returnTo');
    }
    const missing = await guest.request('POST', '/api/v1/auth/magic-link', {});
    expect(missing.json.error).toMatchObject({ field: 'email', message: 'email must have required properties email' });
    expect(await mailsTo(server, 'ok@example.org')).toEqual([]);
  });
});

describe('asking from the sign-in page, without script', () => {
  const ask = (fields: Record<string, string>, origin = server.baseUrl) =>
    new Guest(server.baseUrl).request('POST', '/sign-in', new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', origin });

  it('offers a form that returns to the discussion, and answers it with the same page for any address', async () => {
    const page = await new Guest(server.baseUrl).request('GET', '/sign-in?returnTo=%2Farticles%2Fharbour');
    expect(page.status).toBe(200);
    expect(page.json).toContain('<form method="post" action="/sign-in"');
    expect(page.json).toContain('name="returnTo" value="/articles/harbour"');
    // A return address off this site is dropped for the front page.
    expect((await new Guest(server.baseUrl).request('GET', '/sign-in?returnTo=%2F%2Fevil.example')).json).toContain('name="returnTo" value="/"');

    await server.tribune.services.readerAccounts.signInWithVerifiedEmail('default', 'form-known@example.org');
    const known = await ask({ email: 'form-known@example.org', returnTo: '/articles/harbour' });
    const unknown = await ask({ email: 'form-unknown@example.org', returnTo: '/articles/harbour', name: 'New Reader' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual(known.json);
    expect(known.json).toContain('Check your inbox');
    expect(known.headers.get('cache-control')).toBe('no-store');

    const link = await signInLinkFor(server, 'form-unknown@example.org');
    const browser = new Guest(server.baseUrl);
    const opened = await browser.request('GET', link.pathname);
    expect(opened.json).toContain('value="New Reader"');
    const signedIn = await pressSignIn(browser, link, { name: 'New Reader' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/articles/harbour');
    expect((await browser.request('GET', '/api/v1/me')).json.reader.name).toBe('New Reader');
  });

  it('refuses an address that is not one with a page saying so, and a form another site posts', async () => {
    const bad = await ask({ email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('text/html');
    const forged = await ask({ email: 'victim@example.org' }, 'https://evil.example');
    expect(forged.status).toBe(403);
    expect(await mailsTo(server, 'victim@example.org')).toEqual([]);
  });
});

describe('following the link', () => {
  it('shows a page with a "Sign in" button, and only pressing it signs in, then returns to the article', async () => {
    const browser = new Guest(server.baseUrl);
    await browser.request('POST', '/api/v1/auth/magic-link', { email: 'Newcomer@Example.org', returnTo: '/articles/harbour#comments', name: 'Nadia' });
    const link = await signInLinkFor(server, 'newcomer@example.org');

    // A mail scanner fetching the link twice uses nothing up and gets no session.
    const scanned = await new Guest(server.baseUrl).request('GET', link.pathname);
    expect(scanned.status).toBe(200);
    expect(scanned.headers.getSetCookie().join()).not.toContain('tribune_session');
    expect(scanned.headers.get('cache-control')).toBe('no-store');
    const page = await browser.request('GET', link.pathname);
    expect(String(page.json)).toContain('newcomer@example.org');
    expect(String(page.json)).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(String(page.json)).toContain('value="Nadia"');

    const signedIn = await pressSignIn(browser, link, { name: 'Nadia Haddad' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/articles/harbour#comments');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('tribune_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);

    const me = await browser.request('GET', '/api/v1/me');
    expect(me.json.reader).toMatchObject({ name: 'Nadia Haddad', email: 'newcomer@example.org' });
    const posted = await browser.post('harbour', { body: 'Signed in by the mailed link.' });
    expect(posted.json.comment.author.name).toBe('Nadia Haddad');
  });

  it('works once: a second press, or opening it again, says so plainly and signs nobody in', async () => {
    await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'once@example.org' });
    const link = await signInLinkFor(server, 'once@example.org');
    expect((await pressSignIn(new Guest(server.baseUrl), link)).status).toBe(303);

    const thief = new Guest(server.baseUrl);
    const again = await thief.request('POST', link.pathname, '', { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl });
    expect(again.status).toBe(410);
    expect(String(again.json)).toContain('This sign-in link cannot be used');
    expect(again.headers.getSetCookie().join()).not.toContain('tribune_session');
    expect((await thief.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await thief.request('GET', link.pathname)).status).toBe(410);
  });

  it('expires 15 minutes after it was sent', async () => {
    await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'late@example.org' });
    const link = await signInLinkFor(server, 'late@example.org');
    server.clock.advance(15 * 60_000 + 1000);
    const late = await pressSignIn(new Guest(server.baseUrl), link);
    expect(late.status).toBe(410);
  });

  it('signs a returning reader in to the account they have, keeping its name', async () => {
    const first = new Guest(server.baseUrl);
    await first.request('POST', '/api/v1/auth/magic-link', { email: 'regular@example.org' });
    await pressSignIn(first, await signInLinkFor(server, 'regular@example.org'), { name: 'Regular Reader' });
    const firstMe = await first.request('GET', '/api/v1/me');

    const second = new Guest(server.baseUrl);
    await second.request('POST', '/api/v1/auth/magic-link', { email: 'regular@example.org' });
    const link = await signInLinkFor(server, 'regular@example.org');
    expect(String((await second.request('GET', link.pathname)).json)).toContain('You are signing in as <strong>Regular Reader</strong>');
    await pressSignIn(second, link, { name: 'Ignored' });
    expect((await second.request('GET', '/api/v1/me')).json.reader).toEqual(firstMe.json.reader);
  });

  it('refuses a press another site\'s page sends, leaving the link usable', async () => {
    await new Guest(server.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'victim@example.org' });
    const link = await signInLinkFor(server, 'victim@example.org');
    const forged = await pressSignIn(new Guest(server.baseUrl), link, {}, 'https://evil.example');
    expect(forged.status).toBe(403);
    expect((await pressSignIn(new Guest(server.baseUrl), link)).status).toBe(303);
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const browser = new Guest(server.baseUrl);
    await browser.request('POST', '/api/v1/auth/magic-link', { email: 'secure@example.org' });
    const link = await signInLinkFor(server, 'secure@example.org');
    const answer = await browser.request('POST', link.pathname, '', { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', origin: server.baseUrl.replace('http:', 'https:') });
    expect(answer.status).toBe(303);
    expect(answer.headers.getSetCookie().find((c) => c.startsWith('tribune_session='))).toMatch(/Secure/i);
  });

  it('answers a made-up link like a used one', async () => {
    expect((await new Guest(server.baseUrl).request('GET', `/sign-in/${'x'.repeat(43)}`)).status).toBe(410);
  });
});

describe('limits on asking', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startServer({ TRIBUNE_RATE_LIMITS: 'on' });
  });
  afterAll(() => limited?.close());

  it('mails one address at most a few links in 15 minutes, answering as ever', async () => {
    for (let i = 0; i < SIGN_IN_LINK_LIMITS.perAddress.limit + 2; i++) {
      const asked = await new Guest(limited.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'flooded@example.org' });
      expect(asked.status).toBe(202);
    }
    expect(await mailsTo(limited, 'flooded@example.org')).toHaveLength(SIGN_IN_LINK_LIMITS.perAddress.limit);
    // Another address is not affected.
    await new Guest(limited.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'calm@example.org' });
    expect(await mailsTo(limited, 'calm@example.org')).toHaveLength(1);
  });

  it('tells a client asking for too many links to wait', async () => {
    const client = new Guest(limited.baseUrl);
    for (let i = 0; i < SIGN_IN_LINK_LIMITS.perClient.limit; i++) {
      expect((await client.request('POST', '/api/v1/auth/magic-link', { email: `person${i}@example.org` })).status).toBe(202);
    }
    const refused = await client.request('POST', '/api/v1/auth/magic-link', { email: 'one.more@example.org' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another reader is not held up by it.
    expect((await new Guest(limited.baseUrl).request('POST', '/api/v1/auth/magic-link', { email: 'someone@example.org' })).status).toBe(202);
  });
});
