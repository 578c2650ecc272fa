import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTribune } from '../../src/tribune.js';
import { composeMail } from '../../src/adapters/mail/compose.js';
import { SmtpTransport } from '../../src/adapters/mail/smtp.js';
import { renderMail } from '../../src/mail/layout.js';
import type { OutgoingMail } from '../../src/services/mail.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';
import { startServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';

const FROM = '"The Harbour Gazette" <news@gazette.example>';
const received: ReceivedMail[] = [];
let smtp: TestSmtpServer;
let server: TestServer;

beforeAll(async () => {
  smtp = await startSmtpServer(0, received);
  server = await startServer({ SMTP_URL: smtp.url, TRIBUNE_MAIL_FROM: FROM });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});
afterEach(() => void received.splice(0));

function signInMail(to: string, subject = 'Your sign-in link'): OutgoingMail {
  const link = `https://gazette.example/api/v1/auth/magic-link/verify?token=abc123&returnTo=%2Farticles%2Fharbour`;
  return {
    siteId: DEFAULT_SITE_ID,
    to,
    subject,
    kind: 'sign-in',
    headers: { 'List-Unsubscribe': '<https://gazette.example/api/v1/unsubscribe/t0k3n>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    ...renderMail({
      siteName: 'The Harbour Gazette',
      heading: 'Sign in to The Harbour Gazette',
      paragraphs: ['Use the button below to sign in. The link works once, for 15 minutes.'],
      button: { label: 'Sign in', url: link },
      footer: 'You asked to sign in. If that was not you, ignore this mail.',
    }),
  };
}

const outbox = (to: string) => server.tribune.database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', to).execute();

it('delivers a queued mail over SMTP: envelope, headers, the link in both the plain-text and HTML parts', async () => {
  await server.tribune.store.transaction((tx) => server.tribune.services.mail.queue(tx, signInMail('reader@example.org')));
  const mail = await smtp.waitFor((m) => m.envelope.to.includes('reader@example.org'));
  // The server has the message before the worker marks it sent: wait for the mark, bounded.
  let [row] = await outbox('reader@example.org');
  for (let i = 0; i < 100 && row?.state !== 'sent'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    [row] = await outbox('reader@example.org');
  }

  expect(mail.envelope).toEqual({ from: 'news@gazette.example', to: ['reader@example.org'] });
  expect(mail.parsed.from?.value).toEqual([{ name: 'The Harbour Gazette', address: 'news@gazette.example' }]);
  expect(mail.parsed.subject).toBe('Your sign-in link');
  expect(mail.parsed.messageId).toBe(row!.message_id);
  expect(mail.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@gazette\.example>$/);
  expect(mail.parsed.date?.getTime()).toBe(Math.floor(row!.created_at / 1000) * 1000);
  expect(mail.raw).toMatch(/^List-Unsubscribe: <https:\/\/gazette\.example\/api\/v1\/unsubscribe\/t0k3n>\r$/m);
  expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
  expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative;/m);

  const link = 'https://gazette.example/api/v1/auth/magic-link/verify?token=abc123&returnTo=%2Farticles%2Fharbour';
  expect(mail.parsed.text).toContain(link);
  expect(mail.parsed.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
  expect(mail.parsed.html).toContain('>Sign in</a>');

  expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null, kind: 'sign-in', site_id: DEFAULT_SITE_ID });
  expect(row!.sent_at).toBeGreaterThanOrEqual(row!.created_at);
});

it('sends nothing for a transaction that rolls back', async () => {
  await expect(
    server.tribune.store.transaction(async (tx) => {
      await server.tribune.services.mail.queue(tx, signInMail('rolled-back@example.org'));
      throw new Error('the sign-in failed after queueing its mail');
    }),
  ).rejects.toThrow('the sign-in failed');
  await server.tribune.mailDelivery.deliverDue();
  expect(await outbox('rolled-back@example.org')).toEqual([]);
  expect(received).toEqual([]);
});

it('refuses an address that is not one, naming the field, and a header that would forge another', async () => {
  const store = server.tribune.store;
  await expect(server.tribune.services.mail.queue(store, signInMail('not an address'))).rejects.toMatchObject({ kind: 'invalid', field: 'email' });
  await expect(server.tribune.services.mail.queue(store, signInMail('a@example.org\r\nBcc: all@example.org'))).rejects.toMatchObject({ field: 'email' });
  await expect(server.tribune.services.mail.queue(store, { ...signInMail('a@example.org'), headers: { Bcc: 'all@example.org' } })).rejects.toThrow(/Bcc/);
  await expect(server.tribune.services.mail.queue(store, { ...signInMail('a@example.org'), headers: { 'X-Note': 'one\r\nBcc: all@example.org' } })).rejects.toThrow(/X-Note/);
  expect(await outbox('a@example.org')).toEqual([]);
});

it('keeps mail while the SMTP server is down and sends it once the server is back, backing off in between', async () => {
  const port = smtp.port;
  await smtp.close();
  try {
    await server.tribune.services.mail.queue(server.tribune.store, signInMail('patient@example.org', 'Sent while the server was down'));
    await server.tribune.mailDelivery.deliverDue();
    let [row] = await outbox('patient@example.org');
    expect(row).toMatchObject({ state: 'queued', attempts: 1 });
    expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
    const firstRetry = row!.next_attempt_at - server.clock.now();
    expect(firstRetry).toBeGreaterThan(25_000);
    expect(firstRetry).toBeLessThanOrEqual(30_000);

    // Not due yet: no attempt is made.
    await server.tribune.mailDelivery.deliverDue();
    expect((await outbox('patient@example.org'))[0]!.attempts).toBe(1);

    // The second failure waits twice as long.
    server.clock.advance(31_000);
    await server.tribune.mailDelivery.deliverDue();
    [row] = await outbox('patient@example.org');
    expect(row).toMatchObject({ state: 'queued', attempts: 2 });
    expect(row!.next_attempt_at - server.clock.now()).toBeGreaterThan(55_000);
  } finally {
    smtp = await startSmtpServer(port, received);
  }
  server.clock.advance(61_000);
  await server.tribune.mailDelivery.deliverDue();
  const mail = await smtp.waitFor((m) => m.parsed.subject === 'Sent while the server was down');
  const [row] = await outbox('patient@example.org');
  expect(row).toMatchObject({ state: 'sent', attempts: 3 });
  expect(mail.parsed.messageId).toBe(row!.message_id);
  expect(received).toHaveLength(1);
});

it('sends a mail again with the same Message-ID when a worker died between sending it and marking it sent', async () => {
  await server.tribune.store.mailOutbox.insert({
    site_id: DEFAULT_SITE_ID,
    recipient: 'twice@example.org',
    subject: 'Sent by a worker that then died',
    text: 'Hello',
    html: '<p>Hello</p>',
    headers: '{}',
    message_id: '<crash-test-1@gazette.example>',
    kind: 'sign-in',
    next_attempt_at: server.clock.now() + 60_000,
    created_at: server.clock.now(),
  });
  // A worker whose clock is a minute ahead claims and sends it, and its process dies before it marks
  // the mail sent. (The server's own worker, on the server's clock, does not find it due yet.)
  const [claimed] = await server.tribune.store.mailOutbox.claimDue(server.clock.now() + 60_000, 10, 5 * 60_000);
  expect(claimed?.message_id).toBe('<crash-test-1@gazette.example>');
  const dying = new SmtpTransport(smtp.url);
  await dying.send(await composeMail({ messageId: claimed!.message_id, from: FROM, to: claimed!.recipient, subject: claimed!.subject, text: claimed!.text, html: claimed!.html, headers: {}, date: new Date(claimed!.created_at) }));
  await dying.close();

  // Until its claim runs out, no other worker touches the mail.
  await server.tribune.mailDelivery.deliverDue();
  expect(received).toHaveLength(1);

  server.clock.advance(60_000 + 5 * 60_000 + 1);
  await server.tribune.mailDelivery.deliverDue();
  await smtp.waitFor(() => received.length === 2);
  expect(received.map((m) => m.parsed.messageId)).toEqual(['<crash-test-1@gazette.example>', '<crash-test-1@gazette.example>']);
  expect((await outbox('twice@example.org'))[0]).toMatchObject({ state: 'sent', attempts: 2 });
});

it('two instances on one database send each mail once', async () => {
  const second = await createTribune(loadConfig({ ...server.database.env, SMTP_URL: smtp.url, TRIBUNE_MAIL_FROM: FROM, TRIBUNE_DEMO_CONTENT: 'off' }), { now: server.clock.now });
  try {
    // Queued without waking either worker's timer first: both then race for the same rows.
    await server.tribune.store.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await server.tribune.services.mail.queue(tx, signInMail(`crowd-${i}@example.org`, `Crowd ${i}`));
    });
    const [a, b] = await Promise.all([server.tribune.mailDelivery.deliverDue(), second.mailDelivery.deliverDue()]);
    await server.tribune.mailDelivery.deliverDue();
    await second.mailDelivery.deliverDue();
    await smtp.waitFor(() => received.length >= 30);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(30);
    expect(new Set(received.map((m) => m.parsed.messageId)).size).toBe(30);
    expect(a + b).toBeLessThanOrEqual(30);
  } finally {
    await second.close();
  }
});

it('a stopping instance finishes the mail it is sending and gives back the rest at once, not after the lease', async () => {
  const slow = await startSmtpServer(0, [], { acceptAfterMs: 300 });
  const instance = await createTribune(loadConfig({ ...server.database.env, SMTP_URL: slow.url, TRIBUNE_MAIL_FROM: FROM, TRIBUNE_DEMO_CONTENT: 'off' }), { now: server.clock.now });
  try {
    await instance.store.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await instance.services.mail.queue(tx, signInMail(`stopping-${i}@example.org`, `Stopping ${i}`));
    });
    const run = instance.mailDelivery.deliverDue();
    await slow.waitFor(() => true);
    await instance.close();
    await run;
  } finally {
    await slow.close();
  }
  const rows = await server.tribune.database.db.selectFrom('mail_outbox').selectAll().where('recipient', 'like', 'stopping-%').orderBy('id').execute();
  // The first went out; the one in flight when it stopped may have; the last was never tried.
  expect(rows[0]!.state).toBe('sent');
  expect(rows[2]!.state).toBe('queued');
  for (const row of rows.filter((r) => r.state === 'queued')) {
    expect(row.attempts).toBe(0);
    expect(row.next_attempt_at).toBeLessThanOrEqual(server.clock.now());
  }
  // The instance that carries on sends it at its next look.
  await server.tribune.mailDelivery.deliverDue();
  await smtp.waitFor((m) => m.parsed.subject === 'Stopping 2');
});
