import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, type StaffBrowser } from '../support/staff-browser.js';

let server: TestServer;
let moderator: StaffBrowser;
let commentId: number;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'guarded' });
  commentId = (await new Guest(server.baseUrl).post('guarded', { body: 'A comment to act on.' })).json.comment.id;
  await server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
  moderator = await signedIn(server.baseUrl, 'mod@example.org', PASSWORD);
});
afterAll(() => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers, redirect: 'manual' });
const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('7. security headers', () => {
  const publicAnswers = ['/', '/articles/guarded', '/api/v1/threads/guarded/comments', '/healthz', '/static/site.css', '/assets/discussion.js', '/no-such-page', '/api/v1/nothing', '/articles/missing'];
  const staffAnswers = ['/staff/sign-in', '/staff', '/staff/moderation', '/staff/moderation/bans', '/api/v1/moderation/bans', '/api/v1/moderation/queue'];

  it('sends a script policy with no inline script, nosniff and a referrer policy on every answer', async () => {
    for (const path of [...publicAnswers, ...staffAnswers]) {
      const response = await get(path, { authorization: `Bearer ${ADMIN_TOKEN}` });
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it('lets only this site frame article pages, and nobody frame staff pages', async () => {
    for (const path of publicAnswers) {
      const response = await get(path);
      expect(directives(response.headers.get('content-security-policy')).get('frame-ancestors'), path).toEqual(["'self'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
    }
    for (const path of staffAnswers) {
      const response = await get(path, { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(directives(response.headers.get('content-security-policy')).get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('keeps staff answers and the bans list out of every cache', async () => {
    const bans = await get('/api/v1/moderation/bans', { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(bans.status).toBe(200);
    expect(bans.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/staff/moderation/bans', '/staff/moderation', '/staff']) {
      expect((await moderator.send('GET', path)).headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('serves pages whose scripts all come from files (JSON data blocks aside)', async () => {
    const pages = [await (await get('/articles/guarded')).text(), await (await get('/')).text(), (await moderator.open('/staff/moderation')).text, (await moderator.open('/staff/moderation/bans')).text];
    for (const page of pages) {
      const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        if (/type="application\/(ld\+)?json"/.test(attributes!)) continue;
        expect(attributes).toMatch(/\bsrc="\/(assets|static)\//);
        expect(content!.trim()).toBe('');
      }
      expect(page).not.toMatch(/\son[a-z]+="/i);
    }
  });
});

describe('8. writes from other sites', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('refuses form-encoded bodies on the JSON API with 415', async () => {
    const reader = new Guest(server.baseUrl);
    const posts = [
      ['/api/v1/threads/guarded/comments', { body: 'Posted by a form on another site', name: 'Victim' }],
      [`/api/v1/comments/${commentId}/reports`, { reason: 'abuse' }],
      [`/api/v1/comments/${commentId}/vote`, { value: '1' }],
    ] as const;
    for (const [path, fields] of posts) {
      const answer = await reader.request('POST', path, form(fields), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(answer.status, path).toBe(415);
      expect(answer.json.error.code).toBe('unsupported_media_type');
    }
    expect((await reader.request('GET', '/api/v1/threads/guarded/comments')).json.count).toBe(1);
  });

  it('refuses cookie-carrying writes and form posts sent from another site’s page', async () => {
    const reader = new Guest(server.baseUrl);
    await reader.request('GET', '/api/v1/threads/guarded/comments/mine');
    await reader.post('guarded', { body: 'Sets the reader cookie.' });
    const evil = { origin: 'https://evil.example' };
    const attempts = [
      await reader.request('POST', `/api/v1/comments/${commentId}/vote`, { value: 1 }, evil),
      await reader.request('POST', `/api/v1/comments/${commentId}/reports`, { reason: 'spam' }, { 'sec-fetch-site': 'cross-site' }),
      await reader.request('POST', '/articles/guarded/comments', form({ body: 'Planted comment', name: 'Victim' }), { ...evil, 'content-type': 'application/x-www-form-urlencoded' }),
      await reader.request('POST', '/articles/guarded/comments', form({ body: 'Planted comment', name: 'Victim' }), { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }),
      await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: (await moderator.open('/staff/moderation')).csrf, do: `spam:${commentId}` }, headers: evil }),
    ];
    for (const attempt of attempts) expect(attempt.status).toBe(403);
    expect((await reader.request('GET', '/api/v1/threads/guarded/comments')).json.count).toBe(2);

    // From this site's own pages the same requests go through.
    const own = { origin: server.baseUrl };
    expect((await reader.request('POST', `/api/v1/comments/${commentId}/vote`, { value: 1 }, own)).status).toBe(200);
    const posted = await reader.request('POST', '/articles/guarded/comments', form({ body: 'Posted from the page itself', name: 'Reader' }), { ...own, 'content-type': 'application/x-www-form-urlencoded' });
    expect(posted.status).toBe(303);
  });
});
