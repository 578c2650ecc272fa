import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_SESSION_COOKIE } from '../../src/http/reader-session.js';
import { Notifier } from '../../src/services/notifications.js';
import { Store } from '../../src/store/store.js';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';

const received: ReceivedMail[] = [];
let smtp: TestSmtpServer;
let server: TestServer;
const MODERATOR = 'desk@gazette.example';

beforeAll(async () => {
  smtp = await startSmtpServer(0, received);
  server = await startServer({ SMTP_URL: smtp.url, TRIBUNE_NOTIFY_MODERATORS: 'on' });
  await server.tribune.store.staff.insertStaff({ email: MODERATOR, name: 'Desk', role: 'moderator', password_hash: 'not used here', created_at: Date.now() });
});
afterAll(async () => {
  // Tests below swap in notifiers of their own, as another instance would run.
  await server?.tribune.notifier.stop();
  await server?.close();
  await smtp?.close();
});

/** Lets the notifier and the mail worker finish what is due now, instead of waiting for their timers. */
async function settle(): Promise<void> {
  await server.tribune.notifier.runNow();
  await server.tribune.mailDelivery.deliverDue();
}

const mailTo = (address: string) => received.filter((m) => m.envelope.to.includes(address));
const outboxFor = (address: string) => server.tribune.database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', address).orderBy('id').execute();
const textOf = (mail: ReceivedMail) => mail.parsed.text ?? '';
const confirmLinkIn = (mail: ReceivedMail) => /https?:\/\/\S+\/subscriptions\/[\w-]+\/confirm/.exec(textOf(mail))![0];
const unsubscribeLinkIn = (mail: ReceivedMail) => /^List-Unsubscribe: <([^>]+)>/m.exec(mail.raw.replace(/\r\n[ \t]+/g, ' '))![1]!;

async function signedIn(email: string, name: string): Promise<Guest> {
  const accounts = server.tribune.services.readerAccounts;
  const account = await accounts.signInWithVerifiedEmail('default', email, { name });
  const browser = new Guest(server.baseUrl);
  browser.setCookie(READER_SESSION_COOKIE, (await accounts.startSession(account)).token);
  return browser;
}

async function article(slug: string, premoderation?: 'all'): Promise<void> {
  const response = await createArticle(server, { slug, title: `Story ${slug}`, ...(premoderation ? { premoderation } : {}) });
  expect(response.status).toBe(201);
}

/** A guest who subscribed and confirmed by the mailed link's page and button. */
async function confirmedGuest(slug: string, email: string, kind: 'thread' | 'replies' = 'thread', delivery?: 'daily'): Promise<Guest> {
  const guest = new Guest(server.baseUrl);
  const asked = await guest.request('POST', `/api/v1/threads/${slug}/subscriptions`, { email, kind, ...(delivery ? { delivery } : {}) });
  expect(asked.status).toBe(202);
  await settle();
  const link = confirmLinkIn(await smtp.waitFor((m) => m.envelope.to.includes(email) && /Confirm/.test(m.parsed.subject ?? '')));
  const confirmed = await fetch(link, { method: 'POST', headers: { origin: new URL(link).origin, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  expect(confirmed.status).toBe(200);
  return guest;
}

describe('a guest following a thread', () => {
  it('is mailed only after confirming, hears of others’ comments with RFC 8058 headers, and leaves with one click', async () => {
    await article('harbour-fees');
    const email = 'ines@example.org';
    const ines = new Guest(server.baseUrl);
    const asked = await ines.request('POST', '/api/v1/threads/harbour-fees/subscriptions', { email: 'Ines@Example.org', kind: 'thread' });
    expect(asked.status).toBe(202);
    expect(asked.json.subscription).toMatchObject({ kind: 'thread', delivery: 'now', confirmed: false });
    await settle();
    const confirmation = await smtp.waitFor((m) => m.envelope.to.includes(email));
    expect(confirmation.parsed.subject).toBe('Confirm your subscription to “Story harbour-fees”');

    // Before the address is confirmed, nothing about the thread is mailed.
    const other = new Guest(server.baseUrl);
    expect((await other.post('harbour-fees', { body: 'Posted while the address waits.', name: 'Tomas' })).status).toBe(201);
    await settle();
    expect(mailTo(email)).toHaveLength(1);

    // A link scanner following the mailed link confirms nothing: the page only shows a button.
    const link = confirmLinkIn(confirmation);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form method="post" action="\/subscriptions\/[\w-]+\/confirm">/);
    expect(html).toContain('Confirm subscription');
    const [row] = await server.tribune.database.db.selectFrom('subscriptions').selectAll().where('email', '=', email).execute();
    expect(row!.confirmed_at).toBeNull();

    const confirmed = await fetch(link, { method: 'POST', headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are subscribed');

    // Her own comment (same browser, or her address) is not mailed to her; another reader's is.
    expect((await ines.post('harbour-fees', { body: 'My own follow-up.', name: 'Ines' })).status).toBe(201);
    expect((await new Guest(server.baseUrl).post('harbour-fees', { body: 'Also mine, from the office.', name: 'Ines', email })).status).toBe(201);
    expect((await other.post('harbour-fees', { body: 'The fees doubled since **March**.', name: 'Tomas' })).status).toBe(201);
    await settle();
    const notification = await smtp.waitFor((m) => m.envelope.to.includes(email) && /New comment/.test(m.parsed.subject ?? ''));
    expect(mailTo(email)).toHaveLength(2);
    expect(notification.parsed.subject).toBe('New comment on “Story harbour-fees”');
    expect(textOf(notification)).toContain('The fees doubled since **March**.');
    expect(textOf(notification)).toContain('Tomas wrote');
    expect(notification.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    const unsubscribe = unsubscribeLinkIn(notification);
    expect(unsubscribe).toMatch(new RegExp(`^${server.baseUrl}/api/v1/unsubscribe/[\\w-]{43}$`));
    expect(textOf(notification)).toContain(unsubscribe);

    // The one-click POST of a mail client: a form body, no Origin, no cookie.
    const left = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(left.status).toBe(200);
    expect(await left.json()).toEqual({ unsubscribed: true, removed: true });
    expect((await other.post('harbour-fees', { body: 'Nobody will be mailed about this.', name: 'Tomas' })).status).toBe(201);
    await settle();
    expect(mailTo(email)).toHaveLength(2);
    // The link stays harmless: its page says there is nothing left to leave.
    expect(await (await fetch(unsubscribe)).text()).toContain('You are not subscribed');
  });

  it('unsubscribes from the page the link opens in a browser, by its button', async () => {
    await article('ferry-times');
    const email = 'page.leaver@example.org';
    await confirmedGuest('ferry-times', email);
    await new Guest(server.baseUrl).post('ferry-times', { body: 'The 7:10 ferry is late again.', name: 'Ola' });
    await settle();
    const link = unsubscribeLinkIn(await smtp.waitFor((m) => m.envelope.to.includes(email) && /New comment/.test(m.parsed.subject ?? '')));
    const page = await (await fetch(link)).text();
    expect(page).toMatch(/<form method="post" action="\/api\/v1\/unsubscribe\/[\w-]+">/);
    expect(page).toContain(`Stop mailing ${email}`);
    const left = await fetch(link, { method: 'POST', headers: { origin: server.baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(left.status).toBe(200);
    expect(await left.text()).toContain('You will get no more mail about this discussion.');
    expect(await server.tribune.database.db.selectFrom('subscriptions').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('does not mail an address again and again when the form is sent repeatedly', async () => {
    await article('quiet-inbox');
    const guest = new Guest(server.baseUrl);
    for (let i = 0; i < 3; i++) expect((await guest.request('POST', '/api/v1/threads/quiet-inbox/subscriptions', { email: 'flooded@example.org', kind: 'thread' })).status).toBe(202);
    await settle();
    expect(await outboxFor('flooded@example.org')).toHaveLength(1);
  });
});

describe('a signed-in reader', () => {
  it('is subscribed in one click and hears of replies to their own comments only', async () => {
    await article('school-budget');
    const mira = await signedIn('mira@example.org', 'Mira');
    const subscribed = await mira.request('POST', '/api/v1/threads/school-budget/subscriptions', { kind: 'replies', email: 'ignored@example.org' });
    expect(subscribed.status).toBe(201);
    expect(subscribed.json.subscription).toMatchObject({ kind: 'replies', confirmed: true });
    const mine = await mira.post('school-budget', { body: 'Where does the extra money go?' });
    const someone = new Guest(server.baseUrl);
    const other = await someone.post('school-budget', { body: 'A comment that answers nobody.', name: 'Piet' });
    expect((await mira.post('school-budget', { body: 'Replying to Piet myself.', parentId: other.json.comment.id })).status).toBe(201);
    const reply = await someone.post('school-budget', { body: 'To the library, mostly.', name: 'Piet', parentId: mine.json.comment.id });
    expect(reply.status).toBe(201);
    await settle();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('mira@example.org'));
    expect(mail.parsed.subject).toBe('Piet replied to your comment on “Story school-budget”');
    expect(textOf(mail)).toContain('To the library, mostly.');
    expect(textOf(mail)).toContain(`${server.baseUrl}/comments/${reply.json.comment.id}`);
    expect(mailTo('mira@example.org')).toHaveLength(1);
    expect(mailTo('ignored@example.org')).toHaveLength(0);
  });

  it('is mailed once when following both everything and replies', async () => {
    await article('bridge-vote');
    const ada = await signedIn('ada@example.org', 'Ada');
    expect((await ada.request('POST', '/api/v1/threads/bridge-vote/subscriptions', { kind: 'thread' })).status).toBe(201);
    expect((await ada.request('POST', '/api/v1/threads/bridge-vote/subscriptions', { kind: 'replies' })).status).toBe(201);
    const mine = await ada.post('bridge-vote', { body: 'The vote is on Tuesday.' });
    await new Guest(server.baseUrl).post('bridge-vote', { body: 'Thanks, I will be there.', name: 'Kees', parentId: mine.json.comment.id });
    await settle();
    expect(mailTo('ada@example.org').map((m) => m.parsed.subject)).toEqual(['Kees replied to your comment on “Story bridge-vote”']);
  });
});

describe('moderation', () => {
  it('mails nobody about a held comment but the moderators, and followers once it is approved, only once', async () => {
    await article('council-row', 'all');
    const email = 'held.follower@example.org';
    await confirmedGuest('council-row', email);
    const held = await new Guest(server.baseUrl).post('council-row', { body: 'Held until a moderator looks.', name: 'Rune' });
    expect(held.status).toBe(202);
    await settle();
    expect(mailTo(email).filter((m) => /New comment/.test(m.parsed.subject ?? ''))).toHaveLength(0);
    const queueMail = await smtp.waitFor((m) => m.envelope.to.includes(MODERATOR) && textOf(m).includes('Held until a moderator looks.'));
    expect(queueMail.parsed.subject).toBe('Waiting for moderation: a comment on “Story council-row”');

    const act = (action: string) =>
      fetch(`${server.baseUrl}/api/v1/moderation/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action, ids: [held.json.comment.id] }),
      });
    expect((await act('approve')).status).toBe(200);
    await settle();
    await smtp.waitFor((m) => m.envelope.to.includes(email) && textOf(m).includes('Held until a moderator looks.'));
    // Rejected and approved again: followers already heard of it.
    expect((await act('reject')).status).toBe(200);
    expect((await act('approve')).status).toBe(200);
    await settle();
    expect(mailTo(email).filter((m) => /New comment/.test(m.parsed.subject ?? ''))).toHaveLength(1);
  });

  it('mails nothing about a comment removed before its turn came', async () => {
    await article('removed-early');
    const email = 'removed.follower@example.org';
    await confirmedGuest('removed-early', email);
    await server.tribune.notifier.stop();
    try {
      const posted = await new Guest(server.baseUrl).post('removed-early', { body: 'Soon removed.', name: 'Sven' });
      const rejected = await fetch(`${server.baseUrl}/api/v1/moderation/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'reject', ids: [posted.json.comment.id] }),
      });
      expect(rejected.status).toBe(200);
    } finally {
      server.tribune.notifier = restartedNotifier();
    }
    await settle();
    expect(await outboxFor(email)).toHaveLength(1); // the confirmation only
  });
});

/** A notifier on the same database, as another instance (or this one after a restart) would run. */
function restartedNotifier(): Notifier {
  const notifier = new Notifier(server.tribune.store, server.tribune.services.mail, () => ({ name: 'The Harbour Gazette', queueUrl: null }), server.clock.now, { error: () => {} });
  notifier.start();
  return notifier;
}

describe('delivery', () => {
  it('keeps a daily subscriber’s comments for one digest a day', async () => {
    await article('night-market');
    const email = 'digest@example.org';
    await confirmedGuest('night-market', email, 'thread', 'daily');
    const writer = new Guest(server.baseUrl);
    await writer.post('night-market', { body: 'First stall review.', name: 'Lin' });
    await writer.post('night-market', { body: 'Second stall review.', name: 'Lin' });
    await settle();
    expect(await outboxFor(email)).toHaveLength(1); // the confirmation only
    server.clock.advance(24 * 3_600_000 + 1000);
    await settle();
    const digest = await smtp.waitFor((m) => m.envelope.to.includes(email) && /Daily digest/.test(m.parsed.subject ?? ''));
    expect(digest.parsed.subject).toBe('Daily digest: 2 new comments on “Story night-market”');
    expect(textOf(digest).indexOf('First stall review.')).toBeLessThan(textOf(digest).indexOf('Second stall review.'));
    expect(digest.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    await settle();
    expect(await outboxFor(email)).toHaveLength(2);
  });

  it('queues each notification exactly once when two instances notify at the same time', async () => {
    await article('two-instances');
    const email = 'once@example.org';
    await confirmedGuest('two-instances', email);
    await server.tribune.notifier.stop();
    const writer = new Guest(server.baseUrl);
    for (let i = 0; i < 5; i++) await writer.post('two-instances', { body: `Comment number ${i + 1}.`, name: 'Bo' });
    const [a, b] = [restartedNotifier(), restartedNotifier()];
    await Promise.all([a.runNow(), b.runNow(), a.runNow()]);
    await b.stop();
    server.tribune.notifier = a;
    expect((await outboxFor(email)).filter((m) => m.kind === 'notification')).toHaveLength(5);
  });

  it('mails a backlog of comments in batches: one commit for many comments, each mailed once', async () => {
    await article('busy-evening');
    const email = 'backlog@example.org';
    await confirmedGuest('busy-evening', email);
    await server.tribune.notifier.stop();
    const writer = new Guest(server.baseUrl);
    for (let i = 0; i < 12; i++) await writer.post('busy-evening', { body: `Evening report number ${i + 1}.`, name: 'Ines' });
    let commits = 0;
    const { database } = server.tribune;
    const counted = new Store(database.db, database.dialect, () => {
      commits++;
      return database.durable();
    });
    const notifier = new Notifier(counted, server.tribune.services.mail, () => ({ name: 'The Harbour Gazette', queueUrl: null }), server.clock.now, { error: () => {} }, { batchSize: 5 });
    try {
      await notifier.runNow();
    } finally {
      await notifier.stop();
      server.tribune.notifier = restartedNotifier();
    }
    // Twelve comments in batches of five: three commits, not twelve.
    expect(commits).toBe(3);
    expect((await outboxFor(email)).filter((m) => m.kind === 'notification')).toHaveLength(12);
  });

  it('loses nothing while the SMTP server is down, and sends it once it is back', async () => {
    await article('storm-warning');
    const email = 'patient@example.org';
    await confirmedGuest('storm-warning', email);
    const port = smtp.port;
    await smtp.close();
    await new Guest(server.baseUrl).post('storm-warning', { body: 'Boats stay in harbour tonight.', name: 'Kai' });
    await settle();
    const [, queued] = await outboxFor(email);
    expect(queued).toMatchObject({ kind: 'notification', state: 'queued' });
    expect(queued!.last_error).toBeTruthy();
    smtp = await startSmtpServer(port, received);
    server.clock.advance(60 * 60_000);
    await settle();
    await smtp.waitFor((m) => m.envelope.to.includes(email) && textOf(m).includes('Boats stay in harbour tonight.'));
    expect(mailTo(email).filter((m) => /New comment/.test(m.parsed.subject ?? ''))).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('names the field at fault and writes nothing', async () => {
    await article('bad-input');
    const guest = new Guest(server.baseUrl);
    const kind = await guest.request('POST', '/api/v1/threads/bad-input/subscriptions', { email: 'a@example.org', kind: 'everything' });
    expect(kind.status).toBe(400);
    expect(kind.json.error.field).toBe('kind');
    const email = await guest.request('POST', '/api/v1/threads/bad-input/subscriptions', { email: 'not an address', kind: 'thread' });
    expect(email.status).toBe(400);
    expect(email.json.error.field).toBe('email');
    const missing = await guest.request('POST', '/api/v1/threads/bad-input/subscriptions', { kind: 'thread' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.field).toBe('email');
    const delivery = await guest.request('POST', '/api/v1/threads/bad-input/subscriptions', { email: 'a@example.org', kind: 'thread', delivery: 'hourly' });
    expect(delivery.status).toBe(400);
    expect(delivery.json.error.field).toBe('delivery');
    expect((await guest.request('POST', '/api/v1/threads/no-such-thread/subscriptions', { email: 'a@example.org', kind: 'thread' })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/subscriptions/${'x'.repeat(43)}/confirm`)).status).toBe(404);
    const malformed = await guest.request('POST', '/api/v1/unsubscribe/not-a-token');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.field).toBe('token');
    expect(await server.tribune.database.db.selectFrom('subscriptions').select('id').where('email', '=', 'a@example.org').execute()).toEqual([]);
  });
});
