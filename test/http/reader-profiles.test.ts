import { afterAll, beforeAll, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { requestAs } from '../support/host-request.js';

/** A reader's profile page, `/readers/{id}`: what others already see of them, and nothing more. */

let server: TestServer;
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  server = await startServer();
  await createArticle(server, { slug: 'harbour', title: 'Harbour works begin' });
  await createArticle(server, { slug: 'held', title: 'Every comment held', premoderation: 'all' });
});
afterAll(() => server?.close());

async function signedIn(email: string, name: string): Promise<{ browser: Guest; id: number }> {
  const accounts = server.tribune.services.readerAccounts;
  const account = await accounts.signInWithVerifiedEmail('default', email, { name });
  const browser = new Guest(server.baseUrl);
  browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(account)).token);
  return { browser, id: account.id };
}

/** The comment ids listed on a profile page, in order. */
const listedIds = (page: string) => [...page.matchAll(/data-comment-id="(\d+)"/g)].map((m) => Number(m[1]));

it('lists a reader’s published comments, newest first, under their name and picture, and never their address', async () => {
  const { browser, id } = await signedIn('noor.haddad@example.org', 'Noor Haddad');
  const first = (await browser.post('harbour', { body: 'The first thing Noor said.' })).json.comment.id;
  const second = (await browser.post('harbour', { body: 'And a *second* thought.' })).json.comment.id;
  const held = await browser.post('held', { body: 'Waiting for a moderator.' });
  expect(held.status).toBe(202);
  const rejected = (await browser.post('harbour', { body: 'This one a moderator turns down.' })).json.comment.id;
  expect((await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/actions', { action: 'reject', ids: [rejected] }, staff)).status).toBe(200);

  // Anyone may look, signed in or not; the comment's author link leads here.
  const listed = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/harbour/comments');
  expect(listed.json.comments.find((c: any) => c.id === first).author.profileUrl).toBe(`/readers/${id}`);
  const page = await new Guest(server.baseUrl).request('GET', `/readers/${id}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const text: string = page.json;
  expect(text).toContain('<h1 class="reader-profile__name">Noor Haddad</h1>');
  expect(text).toContain(`src="/readers/${id}/avatar.svg"`);
  expect(text).toContain('2 comments');
  expect(listedIds(text)).toEqual([second, first]);
  expect(text).toContain('And a <em>second</em> thought.');
  expect(text).toContain(`href="/articles/harbour?comment=${first}"`);
  expect(text).toContain('Harbour works begin');
  for (const secret of ['noor.haddad', 'example.org', 'Waiting for a moderator', 'turns down']) expect(text).not.toContain(secret);
});

it('pages through a long history with “Older comments”', async () => {
  const { browser, id } = await signedIn('talker@example.org', 'Talker');
  const ids: number[] = [];
  for (let i = 0; i < 23; i++) ids.push((await browser.post('harbour', { body: `Comment number ${i} from the talker.` })).json.comment.id);
  const newestFirst = [...ids].reverse();
  const firstPage = (await new Guest(server.baseUrl).request('GET', `/readers/${id}`)).json as string;
  expect(listedIds(firstPage)).toEqual(newestFirst.slice(0, 20));
  expect(firstPage).toContain('23 comments');
  const older = /href="(\/readers\/\d+\?before=\d+)">Older comments/.exec(firstPage)![1]!;
  const secondPage = (await new Guest(server.baseUrl).request('GET', older)).json as string;
  expect(listedIds(secondPage)).toEqual(newestFirst.slice(20));
  expect(secondPage).not.toContain('Older comments');
});

it('shows a new name at once, and the page of a deleted account is gone', async () => {
  const { browser, id } = await signedIn('leaving@example.org', 'Soon Gone');
  await browser.post('harbour', { body: 'Said before leaving.' });
  expect((await browser.request('PATCH', '/api/v1/me', { name: 'Renamed Reader' })).status).toBe(200);
  expect((await new Guest(server.baseUrl).request('GET', `/readers/${id}`)).json).toContain('Renamed Reader');
  expect((await browser.request('DELETE', '/api/v1/me')).status).toBe(200);
  const gone = await new Guest(server.baseUrl).request('GET', `/readers/${id}`);
  expect(gone.status).toBe(404);
  expect(gone.json).not.toContain('Renamed Reader');
});

it('answers 404 for a reader who never was, one of another site, and a malformed id', async () => {
  expect((await new Guest(server.baseUrl).request('GET', '/readers/999999')).status).toBe(404);
  expect((await new Guest(server.baseUrl).request('GET', '/readers/abc')).status).toBe(400);
  expect((await new Guest(server.baseUrl).request('GET', '/readers/1?before=x')).status).toBe(400);

  expect((await new Guest(server.baseUrl).request('POST', '/api/v1/admin/sites', { id: 'second', name: 'The Second Gazette', hosts: ['second.test'] }, staff)).status).toBe(201);
  const elsewhere = await server.tribune.services.readerAccounts.signInWithVerifiedEmail('second', 'other@example.org', { name: 'Second Site Reader' });
  expect((await new Guest(server.baseUrl).request('GET', `/readers/${elsewhere.id}`)).status).toBe(404);
  const onItsSite = await requestAs(server.baseUrl, 'second.test', 'GET', `/readers/${elsewhere.id}`);
  expect(onItsSite.status).toBe(200);
  expect(onItsSite.text).toContain('Second Site Reader');
});
