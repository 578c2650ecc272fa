import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { Notifier } from '../../src/services/notifications.js';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';

/**
 * Following authors and commenters, and mentions, as readers get them: through the outbox to a
 * real SMTP server, each exactly once, with RFC 8058 one-click unsubscribe, never about one's own
 * comment or a held or removed one.
 */

const PUBLIC_URL = 'https://news.example.test';
const received: ReceivedMail[] = [];
let smtp: TestSmtpServer;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpServer(0, received);
  server = await startServer({ SMTP_URL: smtp.url, TRIBUNE_PUBLIC_URL: PUBLIC_URL });
});
afterAll(async () => {
  await server?.tribune.notifier.stop();
  await server?.close();
  await smtp?.close();
});

async function settle(): Promise<void> {
  await server.tribune.notifier.runNow();
  await server.tribune.mailDelivery.deliverDue();
}

const mailTo = (address: string) => received.filter((m) => m.envelope.to.includes(address));
const subjectsTo = (address: string) => mailTo(address).map((m) => m.parsed.subject);
const textOf = (mail: ReceivedMail) => mail.parsed.text ?? '';
const unsubscribeLinkIn = (mail: ReceivedMail) => /^List-Unsubscribe: <([^>]+)>/m.exec(mail.raw.replace(/\r\n[ \t]+/g, ' '))![1]!;
/** The link's path on this test server (mention mails point at the site's public address). */
const onServer = (link: string) => `${server.baseUrl}${new URL(link).pathname}`;
const oneClick = (link: string) => fetch(onServer(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function reader(email: string, name: string): Promise<Guest & { id: number }> {
  const accounts = server.tribune.services.readerAccounts;
  const account = await accounts.signInWithVerifiedEmail('default', email, { name });
  const browser = new Guest(server.baseUrl) as Guest & { id: number };
  browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(account)).token);
  browser.id = account.id;
  return browser;
}

async function publish(slug: string, author: { name: string; email?: string }, options: { premoderation?: 'all' } = {}): Promise<void> {
  const response = await new Guest(server.baseUrl).request(
    'POST',
    '/api/v1/admin/articles',
    { slug, title: `Story ${slug}`, standfirst: `What ${slug} is about.`, body: 'Text.', author, ...(options.premoderation ? options : {}) },
    admin,
  );
  expect(response.status).toBe(201);
}

const moderate = (action: 'approve' | 'reject', id: number) => new Guest(server.baseUrl).request('POST', '/api/v1/moderation/actions', { action, ids: [id] }, admin);

describe('following an author', () => {
  it('mails each new article once, with one-click unsubscribe, and nothing after leaving', async () => {
    await publish('first-by-noor', { name: 'Noor Haddad', email: 'noor.private@example.org' });
    const ola = await reader('ola@example.org', 'Ola');
    const followed = await ola.request('POST', '/api/v1/authors/noor-haddad/followers', {});
    expect(followed.status).toBe(201);
    expect(followed.json.follow).toMatchObject({ kind: 'author', name: 'Noor Haddad', delivery: 'now' });
    expect(JSON.stringify(followed.json)).not.toContain('noor.private');

    await publish('second-by-noor', { name: 'Noor Haddad' });
    await settle();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('ola@example.org'));
    expect(mail.parsed.subject).toBe('New from Noor Haddad: “Story second-by-noor”');
    expect(textOf(mail)).toContain('What second-by-noor is about.');
    expect(textOf(mail)).toContain(`${server.baseUrl}/articles/second-by-noor`);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    await settle();
    expect(mailTo('ola@example.org')).toHaveLength(1);

    const link = unsubscribeLinkIn(mail);
    expect(textOf(mail)).toContain(link);
    const page = await (await fetch(link)).text();
    expect(page).toContain('Stop mailing ola@example.org about the new articles of Noor Haddad?');
    const left = await oneClick(link);
    expect(await left.json()).toEqual({ unsubscribed: true, removed: true });
    await publish('third-by-noor', { name: 'Noor Haddad' });
    await settle();
    expect(mailTo('ola@example.org')).toHaveLength(1);
    expect(await (await fetch(link)).text()).toContain('You are not subscribed');
  });

  it('keeps a daily follower’s new articles for one digest', async () => {
    await publish('first-by-ida', { name: 'Ida Berg' });
    const kim = await reader('kim@example.org', 'Kim');
    expect((await kim.request('POST', '/api/v1/authors/ida-berg/followers', { delivery: 'daily' })).status).toBe(201);
    await publish('ida-two', { name: 'Ida Berg' });
    await publish('ida-three', { name: 'Ida Berg' });
    await settle();
    expect(mailTo('kim@example.org')).toHaveLength(0);
    server.clock.advance(24 * 3_600_000 + 1000);
    await settle();
    const digest = await smtp.waitFor((m) => m.envelope.to.includes('kim@example.org'));
    expect(digest.parsed.subject).toBe('Daily digest: 2 new from Ida Berg');
    expect(textOf(digest).indexOf('Story ida-two')).toBeLessThan(textOf(digest).indexOf('Story ida-three'));
    expect(digest.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    await settle();
    expect(mailTo('kim@example.org')).toHaveLength(1);
  });

  it('is open to signed-in readers only, and names what is wrong', async () => {
    await publish('first-by-lev', { name: 'Lev Ito' });
    const guest = new Guest(server.baseUrl);
    expect((await guest.request('POST', '/api/v1/authors/lev-ito/followers', {})).status).toBe(401);
    expect((await guest.request('GET', '/api/v1/me/follows')).status).toBe(401);
    const rae = await reader('rae@example.org', 'Rae');
    expect((await rae.request('POST', '/api/v1/authors/nobody-here/followers', {})).status).toBe(404);
    const bad = await rae.request('POST', '/api/v1/authors/lev-ito/followers', { delivery: 'hourly' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('delivery');
    const badAddress = await guest.request('POST', '/api/v1/admin/articles', { slug: 'bad-author-mail', title: 'T', body: 'B', author: { name: 'X', email: 'nope' } }, admin);
    expect(badAddress.status).toBe(400);
    expect(badAddress.json.error.field).toBe('author.email');
  });
});

describe('following a commenter', () => {
  it('needs the commenter’s opt-in, mails their published comments only, and ends when they opt out', async () => {
    await createArticle(server, { slug: 'tram-line' });
    await createArticle(server, { slug: 'tram-held', premoderation: 'all' });
    const vera = await reader('vera@example.org', 'Vera');
    const max = await reader('max@example.org', 'Max');
    const first = await vera.post('tram-line', { body: 'The tram should run past midnight.' });

    const refused = await max.request('POST', `/api/v1/comments/${first.json.comment.id}/author/followers`, {});
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('not_followable');
    // A guest's comment has nobody behind it to follow.
    const guestComment = await new Guest(server.baseUrl).post('tram-line', { body: 'A guest speaks.', name: 'Pat' });
    expect((await max.request('POST', `/api/v1/comments/${guestComment.json.comment.id}/author/followers`, {})).status).toBe(403);

    const opted = await vera.request('PATCH', '/api/v1/me/notifications', { allowFollowers: true });
    expect(opted.json.settings).toEqual({ allowFollowers: true, mentions: 'now' });
    expect((await vera.request('POST', `/api/v1/comments/${first.json.comment.id}/author/followers`, {})).status).toBe(400);
    const follow = await max.request('POST', `/api/v1/comments/${first.json.comment.id}/author/followers`, {});
    expect(follow.status).toBe(201);
    expect(follow.json.follow).toMatchObject({ kind: 'commenter', name: 'Vera' });

    const held = await vera.post('tram-held', { body: 'Held: nobody hears of this yet.' });
    expect(held.status).toBe(202);
    const shown = await vera.post('tram-line', { body: 'And on Sundays too.' });
    await max.post('tram-line', { body: 'Max agrees with himself.' });
    await settle();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('max@example.org'));
    expect(mail.parsed.subject).toBe('Vera commented on “Article tram-line”');
    expect(textOf(mail)).toContain('And on Sundays too.');
    expect(textOf(mail)).toContain(`${server.baseUrl}/comments/${shown.json.comment.id}`);
    expect(mailTo('max@example.org')).toHaveLength(1);

    // Approved later: heard of then, once.
    expect((await moderate('approve', held.json.comment.id)).status).toBe(200);
    await settle();
    await smtp.waitFor((m) => m.envelope.to.includes('max@example.org') && textOf(m).includes('Held: nobody hears'));
    expect((await moderate('reject', held.json.comment.id)).status).toBe(200);
    expect((await moderate('approve', held.json.comment.id)).status).toBe(200);
    await settle();
    expect(mailTo('max@example.org')).toHaveLength(2);

    expect((await vera.request('PATCH', '/api/v1/me/notifications', { allowFollowers: false })).status).toBe(200);
    expect((await max.request('GET', '/api/v1/me/follows')).json.follows).toEqual([]);
    await vera.post('tram-line', { body: 'Nobody follows me now.' });
    await settle();
    expect(mailTo('max@example.org')).toHaveLength(2);
  });
});

describe('mentions', () => {
  it('added by an edit mail only those newly named, once, whatever later edits do', async () => {
    await createArticle(server, { slug: 'ferry-times' });
    await reader('alva@example.org', 'Alva');
    await reader('bruno@example.org', 'Bruno');
    const guest = new Guest(server.baseUrl);
    const posted = await guest.post('ferry-times', { body: 'Ask @Alva about the timetable.', name: 'Cai' });
    const edit = async (body: string) => {
      const answer = await guest.request('PATCH', `/api/v1/comments/${posted.json.comment.id}`, { body }, { 'x-edit-token': posted.json.editToken });
      expect(answer.status).toBe(200);
      await settle();
    };
    await settle();
    await smtp.waitFor((m) => m.envelope.to.includes('alva@example.org'));

    await edit('Ask @Alva or @Bruno about the timetable.');
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('bruno@example.org'));
    expect(mail.parsed.subject).toBe('Cai mentioned you on “Article ferry-times”');
    expect(textOf(mail)).toContain('Ask @Alva or @Bruno about the timetable.');
    // Naming Alva again after dropping her, or editing the words around Bruno, tells no one again.
    await edit('Ask @Bruno about the timetable.');
    await edit('Ask @Bruno, or even @Alva, about the timetable.');
    await settle();
    expect(mailTo('alva@example.org')).toHaveLength(1);
    expect(mailTo('bruno@example.org')).toHaveLength(1);
  });

  it('mail the mentioned reader once, not about their own comment, and not about a held one until it is approved', async () => {
    await createArticle(server, { slug: 'dock-strike' });
    await createArticle(server, { slug: 'dock-held', premoderation: 'all' });
    const sanna = await reader('sanna@example.org', 'Sanna Lind');
    // She follows the whole thread too: the comment naming her comes as one mail, the mention.
    expect((await sanna.request('POST', '/api/v1/threads/dock-strike/subscriptions', { kind: 'thread' })).status).toBe(201);
    await sanna.post('dock-strike', { body: 'I, @Sanna Lind, was at the dock.' });
    const naming = await new Guest(server.baseUrl).post('dock-strike', { body: 'Ask @sanna lind, she was there.', name: 'Jon' });
    const held = await new Guest(server.baseUrl).post('dock-held', { body: 'Held, but @Sanna Lind is named.', name: 'Jon' });
    expect(held.status).toBe(202);
    await settle();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('sanna@example.org'));
    expect(subjectsTo('sanna@example.org')).toEqual(['Jon mentioned you on “Article dock-strike”']);
    expect(textOf(mail)).toContain('Ask @sanna lind, she was there.');
    expect(textOf(mail)).toContain(`${PUBLIC_URL}/comments/${naming.json.comment.id}`);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);

    expect((await moderate('approve', held.json.comment.id)).status).toBe(200);
    await settle();
    await smtp.waitFor((m) => m.envelope.to.includes('sanna@example.org') && textOf(m).includes('Held, but'));
    expect(mailTo('sanna@example.org')).toHaveLength(2);

    // One click turns mention mails off, without signing in.
    expect(await (await oneClick(unsubscribeLinkIn(mail))).json()).toEqual({ unsubscribed: true, removed: true });
    expect((await sanna.request('GET', '/api/v1/me/follows')).json.settings.mentions).toBe('off');
    await new Guest(server.baseUrl).post('dock-held', { body: 'Once more, @Sanna Lind.', name: 'Jon' });
    await settle();
    expect(mailTo('sanna@example.org')).toHaveLength(2);
  });

  it('follow the reader’s choice: a daily digest, or nothing', async () => {
    await createArticle(server, { slug: 'fish-market' });
    const tove = await reader('tove@example.org', 'Tove');
    const quiet = await reader('quiet@example.org', 'Quiet Reader');
    expect((await tove.request('PATCH', '/api/v1/me/notifications', { mentions: 'daily' })).json.settings.mentions).toBe('daily');
    expect((await quiet.request('PATCH', '/api/v1/me/notifications', { mentions: 'off' })).status).toBe(200);
    const writer = new Guest(server.baseUrl);
    await writer.post('fish-market', { body: 'Cod is cheap today, @Tove and @Quiet Reader.', name: 'Ulf' });
    const removed = await writer.post('fish-market', { body: 'Removed before the digest, @Tove.', name: 'Ulf' });
    await writer.post('fish-market', { body: 'Herring too, @tove.', name: 'Ulf' });
    await settle();
    expect(mailTo('tove@example.org')).toHaveLength(0);
    expect((await moderate('reject', removed.json.comment.id)).status).toBe(200);
    server.clock.advance(24 * 3_600_000 + 1000);
    await settle();
    const digest = await smtp.waitFor((m) => m.envelope.to.includes('tove@example.org'));
    expect(digest.parsed.subject).toBe('Daily digest: 2 mentions of you on The Harbour Gazette');
    expect(textOf(digest)).toContain('Cod is cheap today');
    expect(textOf(digest)).toContain('Herring too');
    expect(textOf(digest)).not.toContain('Removed before the digest');
    expect(mailTo('quiet@example.org')).toHaveLength(0);
  });

  it('mail an author who has an address, and never reveal it', async () => {
    await publish('harbour-cranes', { name: 'Greta Holm', email: 'greta.desk@example.org' });
    await publish('harbour-boats', { name: 'Hal Nomail' });
    const posted = await new Guest(server.baseUrl).post('harbour-cranes', { body: 'Great piece, @Greta Holm and @Hal Nomail.', name: 'Ivo' });
    expect(JSON.stringify(posted.json)).not.toContain('greta.desk');
    await settle();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('greta.desk@example.org'));
    expect(mail.parsed.subject).toBe('Ivo mentioned you on “Story harbour-cranes”');
    const page = await (await fetch(`${server.baseUrl}/articles/harbour-cranes`)).text();
    expect(page).not.toContain('greta.desk');
  });
});

describe('delivery', () => {
  it('loses nothing while the SMTP server is down and sends each notification once when it is back', async () => {
    await publish('first-by-omar', { name: 'Omar Said' });
    const pia = await reader('pia@example.org', 'Pia');
    expect((await pia.request('POST', '/api/v1/authors/omar-said/followers', {})).status).toBe(201);
    const port = smtp.port;
    await smtp.close();
    await publish('second-by-omar', { name: 'Omar Said' });
    await new Guest(server.baseUrl).post('second-by-omar', { body: 'Welcome back, @Pia.', name: 'Rolf' });
    await settle();
    const queued = await server.tribune.database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', 'pia@example.org').execute();
    expect(queued.map((m) => [m.kind, m.state]).sort()).toEqual([['follow-article', 'queued'], ['mention', 'queued']]);
    smtp = await startSmtpServer(port, received);
    server.clock.advance(60 * 60_000);
    await settle();
    await smtp.waitFor((m) => m.envelope.to.includes('pia@example.org') && /mentioned/.test(m.parsed.subject ?? ''));
    await settle();
    expect(subjectsTo('pia@example.org').sort()).toEqual(['New from Omar Said: “Story second-by-omar”', 'Rolf mentioned you on “Story second-by-omar”']);
  });

  it('queues each notification exactly once when two instances notify at the same time, and none about what came before the follow', async () => {
    await server.tribune.notifier.stop();
    // Still waiting to be notified when Una follows a minute later: she is not told about it.
    await publish('first-by-zoe', { name: 'Zoe Park' });
    server.clock.advance(60_000);
    const una = await reader('una@example.org', 'Una');
    expect((await una.request('POST', '/api/v1/authors/zoe-park/followers', {})).status).toBe(201);
    for (let i = 0; i < 3; i++) await publish(`zoe-${i}`, { name: 'Zoe Park' });
    for (let i = 0; i < 3; i++) await new Guest(server.baseUrl).post('first-by-zoe', { body: `Hello @Una, number ${i}.`, name: 'Bo' });
    const instance = () => {
      const notifier = new Notifier(server.tribune.store, server.tribune.services.mail, () => ({ name: 'The Harbour Gazette', queueUrl: null, origin: PUBLIC_URL }), server.clock.now, { error: () => {} });
      notifier.start();
      return notifier;
    };
    const [a, b] = [instance(), instance()];
    await Promise.all([a.runNow(), b.runNow(), a.runNow()]);
    await b.stop();
    server.tribune.notifier = a;
    const kinds = (await server.tribune.database.db.selectFrom('mail_outbox').select('kind').where('recipient', '=', 'una@example.org').execute()).map((m) => m.kind);
    expect(kinds.sort()).toEqual(['follow-article', 'follow-article', 'follow-article', 'mention', 'mention', 'mention']);
  });
});

describe('the settings page', () => {
  it('follows an author, changes the delivery, opts in to followers and leaves, all without script', async () => {
    await publish('first-by-ana', { name: 'Ana Sol' });
    const wil = await reader('wil@example.org', 'Wil');
    const form = (path: string, fields: Record<string, string>) =>
      wil.request('POST', path, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl });
    let page = (await wil.request('GET', '/account')).json as string;
    expect(page).toContain('Following and mentions');
    expect(page).toMatch(/<option value="ana-sol">Ana Sol<\/option>/);

    const followed = await form('/account/follows', { author: 'ana-sol', delivery: 'daily' });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe('/account?done=followed#follows');
    const [follow] = (await wil.request('GET', '/api/v1/me/follows')).json.follows;
    expect(follow).toMatchObject({ kind: 'author', name: 'Ana Sol', delivery: 'daily' });
    expect((await form(`/account/follows/${follow.id}`, { delivery: 'now' })).status).toBe(303);
    expect((await form('/account/notifications', { allowFollowers: 'on', mentions: 'daily' })).status).toBe(303);
    page = (await wil.request('GET', '/account?done=notifications')).json as string;
    expect(page).toContain('Your settings for followers and mentions are saved.');
    expect(page).toMatch(/New articles by <strong>Ana Sol<\/strong>/);
    expect(page).toMatch(/<option value="now" selected>At once<\/option>/);
    expect(page).toMatch(/name="allowFollowers" value="on" checked/);
    expect(page).toMatch(/<option value="daily" selected>In a daily digest<\/option>/);

    // Another reader cannot touch Wil's follow.
    const other = await reader('other@example.org', 'Other');
    expect((await other.request('DELETE', `/api/v1/me/follows/${follow.id}`)).status).toBe(404);
    expect((await form(`/account/follows/${follow.id}/unfollow`, {})).status).toBe(303);
    expect((await wil.request('GET', '/api/v1/me/follows')).json.follows).toEqual([]);
  });
});

describe('a reader’s public page', () => {
  it('offers to follow their comments only when they allow it', async () => {
    const kai = await reader('kai@example.org', 'Kai');
    const lea = await reader('lea@example.org', 'Lea');
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl };
    let page = await (await fetch(`${server.baseUrl}/readers/${kai.id}`)).text();
    expect(page).not.toContain('Follow Kai');
    expect((await lea.request('POST', `/readers/${kai.id}/follow`, '', form)).status).toBe(403);

    expect((await kai.request('PATCH', '/api/v1/me/notifications', { allowFollowers: true })).status).toBe(200);
    page = await (await fetch(`${server.baseUrl}/readers/${kai.id}`)).text();
    expect(page).toMatch(new RegExp(`<form class="follow-form" method="post" action="/readers/${kai.id}/follow">`));
    expect(page).toContain('<button type="submit">Follow Kai</button>');

    const guest = await new Guest(server.baseUrl).request('POST', `/readers/${kai.id}/follow`, '', form);
    expect(guest.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent(`/readers/${kai.id}`)}`);
    const followed = await lea.request('POST', `/readers/${kai.id}/follow`, '', form);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe('/account?done=followed#follows');
    expect((await lea.request('GET', '/api/v1/me/follows')).json.follows).toMatchObject([{ kind: 'commenter', name: 'Kai', delivery: 'now' }]);
    expect((await kai.request('POST', `/readers/${kai.id}/follow`, '', form)).status).toBe(400);
    expect((await lea.request('POST', '/readers/999999/follow', '', form)).status).toBe(404);
  });
});

describe('the article page', () => {
  it('offers to follow its author: a signed-in reader follows at once, a guest is asked to sign in and brought back', async () => {
    await publish('by-ines', { name: 'Ines Moreau' });
    const page = await (await fetch(`${server.baseUrl}/articles/by-ines`)).text();
    expect(page).toMatch(/<form class="follow-form" method="post" action="\/authors\/ines-moreau\/follow">/);
    expect(page).toContain('<button type="submit">Follow Ines Moreau</button>');
    const fields = new URLSearchParams({ returnTo: '/articles/by-ines#author' }).toString();
    const send = (who: Guest) => who.request('POST', '/authors/ines-moreau/follow', fields, { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl });

    const guest = await send(new Guest(server.baseUrl));
    expect(guest.status).toBe(303);
    expect(guest.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent('/articles/by-ines#author')}`);

    const yan = await reader('yan@example.org', 'Yan');
    const followed = await send(yan);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe('/account?done=followed#follows');
    expect((await yan.request('GET', '/api/v1/me/follows')).json.follows).toMatchObject([{ kind: 'author', name: 'Ines Moreau', delivery: 'now' }]);
    // Somewhere else to go back to is not taken: only this site's paths.
    const away = await send(new Guest(server.baseUrl)).then(() => new Guest(server.baseUrl).request('POST', '/authors/ines-moreau/follow', 'returnTo=//evil.example/', { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl }));
    expect(away.headers.get('location')).toBe('/sign-in?returnTo=%2F');
    expect((await send(yan)).status).toBe(303);
    expect((await new Guest(server.baseUrl).request('POST', '/authors/nobody-here/follow', fields, { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl })).status).toBe(303);
    expect((await yan.request('POST', '/authors/nobody-here/follow', fields, { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl })).status).toBe(404);
  });
});
