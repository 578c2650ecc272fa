import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, StaffBrowser } from '../support/staff-browser.js';

let server: TestServer;
const PASSWORD = 'moderator password 1';

let moderator: StaffBrowser;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_PREMODERATION: 'all' });
  await server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
  for (const slug of ['bans', 'closing']) expect((await createArticle(server, { slug, title: `Story ${slug}` })).status).toBe(201);
  moderator = await signedIn(server.baseUrl, 'mod@example.org', PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

it('bans the author of a held comment through the card form, lists the ban, and lifts it', async () => {
  const troll = new Guest(server.baseUrl);
  const posted = await troll.post('bans', { body: 'You are all <b>idiots</b>.', name: 'Troll', email: 'troll@example.org' });
  expect(posted.status).toBe(202);
  const id: number = posted.json.comment.id;
  const nomail = await new Guest(server.baseUrl).post('bans', { body: 'A comment without an e-mail address.', name: 'Nomail' });

  const queue = await moderator.open('/staff/moderation?tab=pending');
  const card = queue.text.slice(queue.text.indexOf(`id="card-${id}"`), queue.text.indexOf('</article>', queue.text.indexOf(`id="card-${id}"`)));
  expect(card).toContain('<summary>Ban author</summary>');
  expect(card).toMatch(/name="by" value="email" form="ban-\d+" checked/);
  expect(card).toMatch(/name="by" value="ip"/);
  expect(card).toMatch(/name="by" value="reader" form="ban-\d+" checked/);
  expect(card).toContain('Close discussion');
  const other = queue.text.slice(queue.text.indexOf(`id="card-${nomail.json.comment.id}"`));
  expect(other.slice(0, other.indexOf('</article>'))).not.toContain('value="email"');
  // No hash of an address or cookie reaches the page.
  const stored = await server.tribune.database.db.selectFrom('comments').select(['ip_hash', 'reader_id']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(stored.ip_hash).toBeTruthy();
  expect(queue.text).not.toContain(stored.ip_hash!);
  expect(queue.text).not.toContain(stored.reader_id!);

  // An empty reason comes back as a message line, not an error page.
  const empty = await moderator.submit('/staff/moderation/bans', { csrf: queue.csrf, tab: 'pending', commentId: String(id), by: ['email', 'reader'], reason: '  ', days: '7' });
  expect(empty.text).toContain('class="mq-error"');
  expect(empty.text).toContain('Give the commenter a reason');
  // Nothing to ban: the comment has no e-mail.
  const nothing = await moderator.submit('/staff/moderation/bans', { csrf: queue.csrf, tab: 'pending', commentId: String(nomail.json.comment.id), by: 'email', reason: 'Spam.', days: '7' });
  expect(nothing.text).toContain('none of the chosen identifiers');
  // Without the CSRF token the form is refused.
  const forged = await moderator.send('POST', '/staff/moderation/bans', { form: { csrf: 'forged', commentId: String(id), by: 'reader', reason: 'x', days: '7' } });
  expect(forged.status).toBe(403);

  const done = await moderator.submit('/staff/moderation/bans', {
    csrf: queue.csrf,
    tab: 'pending',
    commentId: String(id),
    by: ['email', 'reader'],
    reason: 'Insults to <other> readers.',
    days: '7',
  });
  expect(done.location).toMatch(/^\/staff\/moderation\?tab=pending&/);
  expect(done.text).toContain(`Suspended the author of comment ${id} for 7 days (by e-mail, browser).`);

  const blocked = await troll.post('bans', { body: 'Trying again.', name: 'Troll', email: 'troll@example.org' });
  expect(blocked.status).toBe(403);
  expect(blocked.json.error.code).toBe('banned');
  expect(blocked.json.error.message).toContain('Insults to <other> readers.');

  const bans = await moderator.open('/staff/moderation/bans');
  expect(bans.text).toContain('Insults to &lt;other&gt; readers.');
  expect(bans.text).not.toContain('Insults to <other>');
  expect(bans.text).toContain('Rosa Moderator');
  expect(bans.text).not.toContain('troll@example.org');
  const ids = [...bans.text.matchAll(/name="id" value="(\d+)">Lift/g)].map((m) => m[1]!);
  expect(ids).toHaveLength(2);

  expect((await moderator.send('POST', '/staff/moderation/bans/lift', { form: { csrf: 'forged', id: ids[0]! } })).status).toBe(403);
  for (const banId of ids) {
    const lifted = await moderator.submit('/staff/moderation/bans/lift', { csrf: bans.csrf, id: banId });
    expect(lifted.text).toContain('Lifted the ban.');
  }
  const again = await moderator.submit('/staff/moderation/bans/lift', { csrf: bans.csrf, id: ids[0]! });
  expect(again.text).toContain('That ban is no longer in force.');
  expect(again.text).toContain('No bans in force.');
  expect((await troll.post('bans', { body: 'Back, and calmer.', name: 'Troll', email: 'troll@example.org' })).status).toBe(202);

  const permanent = await moderator.submit('/staff/moderation/bans', { csrf: queue.csrf, tab: 'pending', commentId: String(id), by: 'reader', reason: 'Enough.', days: 'permanent' });
  expect(permanent.text).toContain(`Banned the author of comment ${id} (by browser).`);
  expect((await moderator.open('/staff/moderation/bans')).text).toContain('Until lifted');
});

it('closes and reopens the discussion of a card', async () => {
  const reader = new Guest(server.baseUrl);
  const posted = await reader.post('closing', { body: 'A first thought on the story.', name: 'Reader' });
  const id = String(posted.json.comment.id);
  const queue = await moderator.open('/staff/moderation?tab=pending');

  expect((await moderator.send('POST', '/staff/moderation/threads', { form: { csrf: 'forged', commentId: id, closed: '1' } })).status).toBe(403);
  const closed = await moderator.submit('/staff/moderation/threads', { csrf: queue.csrf, tab: 'pending', commentId: id, closed: '1' });
  expect(closed.text).toContain(`Closed the discussion of comment ${id}`);
  expect(closed.text).toContain('Reopen discussion');
  const refused = await reader.post('closing', { body: 'Another thought.', name: 'Reader' });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe('thread_closed');

  const reopened = await moderator.submit('/staff/moderation/threads', { csrf: queue.csrf, tab: 'pending', commentId: id, closed: '0' });
  expect(reopened.text).toContain(`Reopened the discussion of comment ${id}`);
  expect((await reader.post('closing', { body: 'Another thought.', name: 'Reader' })).status).toBe(202);

  const missing = await moderator.submit('/staff/moderation/threads', { csrf: queue.csrf, commentId: '999999', closed: '1' });
  expect(missing.text).toContain('That comment no longer exists.');
});

it('sends visitors who are not signed in to the sign-in page', async () => {
  const visitor = new StaffBrowser(server.baseUrl);
  expect((await visitor.send('GET', '/staff/moderation/bans')).location).toBe('/staff/sign-in');
  expect((await visitor.send('POST', '/staff/moderation/bans', { form: { commentId: '1', reason: 'x' } })).location).toBe('/staff/sign-in');
});
