import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderMail } from '../../../src/mail/layout.js';
import { DEFAULT_SITE_ID } from '../../../src/shared/site.js';
import { startServer, type TestServer } from '../../support/server.js';

/** The embedded default: with no SMTP_URL every mail is a complete .eml file in TRIBUNE_DATA_DIR/mail/ and a log line. */

let server: TestServer;
const lines: string[] = [];
let mailDir: string;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_SITE_NAME: 'The Harbour Gazette' }, { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
  mailDir = path.join(server.database.dataDir, 'mail');
});
afterAll(() => server?.close());

const emlFiles = () => (fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : []);

it('writes each mail as one .eml file with its headers and both parts, and logs a line', async () => {
  const content = renderMail({
    siteName: 'The Harbour Gazette',
    heading: 'Confirm your subscription',
    paragraphs: ['You asked to hear about new comments on "Harbour <dredging> plan".'],
    button: { label: 'Confirm', url: 'http://127.0.0.1:8080/api/v1/subscriptions/confirm/s3cr3t' },
  });
  await server.tribune.services.mail.queue(server.tribune.store, { siteId: DEFAULT_SITE_ID, to: 'Reader@Example.org', subject: 'Confirm: new comments on “Harbour plan”', kind: 'subscription-confirmation', ...content });
  await server.tribune.mailDelivery.deliverDue();

  const files = emlFiles();
  expect(files).toHaveLength(1);
  const raw = fs.readFileSync(path.join(mailDir, files[0]!), 'utf8');
  // A header block, a blank line, then the body: RFC 5322 with CRLF line ends.
  expect(raw).toMatch(/^[A-Za-z-]+: /);
  expect(raw).toContain('\r\n\r\n');
  const parsed = await simpleParser(raw);
  expect(parsed.from?.value).toEqual([{ name: 'The Harbour Gazette', address: 'noreply@localhost' }]);
  expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([{ name: '', address: 'Reader@example.org' }]);
  expect(parsed.subject).toBe('Confirm: new comments on “Harbour plan”');
  expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
  expect(parsed.date).toBeInstanceOf(Date);
  expect(parsed.headers.get('mime-version')).toBe('1.0');
  expect(parsed.text).toContain('http://127.0.0.1:8080/api/v1/subscriptions/confirm/s3cr3t');
  expect(parsed.text).toContain('"Harbour <dredging> plan"');
  expect(parsed.html).toContain('href="http://127.0.0.1:8080/api/v1/subscriptions/confirm/s3cr3t"');
  expect(parsed.html).toContain('&quot;Harbour &lt;dredging&gt; plan&quot;');

  const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.messageId === parsed.messageId);
  expect(logged).toMatchObject({ to: 'Reader@example.org', file: path.join(mailDir, files[0]!) });
  expect(logged.msg).toContain('Confirm: new comments');
  const [row] = await server.tribune.database.db.selectFrom('mail_outbox').selectAll().execute();
  expect(row).toMatchObject({ state: 'sent', message_id: parsed.messageId });
});

it('a mail sent again (after a crash) replaces its file instead of adding a second', async () => {
  const before = emlFiles().length;
  await server.tribune.services.mail.queue(server.tribune.store, {
    siteId: DEFAULT_SITE_ID, to: 'again@example.org', subject: 'Once only', kind: 'sign-in', text: 'Hello', html: '<p>Hello</p>',
  });
  await server.tribune.mailDelivery.deliverDue();
  expect(emlFiles()).toHaveLength(before + 1);
  // As if the process had died before marking it sent: the mail is queued and due again.
  await server.tribune.database.db.updateTable('mail_outbox').set({ state: 'queued', next_attempt_at: 0 }).where('recipient', '=', 'again@example.org').execute();
  await server.tribune.mailDelivery.deliverDue();
  expect(emlFiles()).toHaveLength(before + 1);
  expect(fs.readdirSync(mailDir).filter((f) => !f.endsWith('.eml'))).toEqual([]);
});
