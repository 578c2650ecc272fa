import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';
import { signedIn, StaffBrowser } from '../support/staff-browser.js';

let server: TestServer;
const PASSWORD = 'moderator password 1';

let moderator: StaffBrowser;
let admin: StaffBrowser;
const author = () => new Guest(server.baseUrl);

async function held(key: string, body: string, guest = author()): Promise<number> {
  const res = await guest.post(key, { body, name: 'Held Author', email: 'held@example.org' });
  expect(res.status).toBe(202);
  return res.json.comment.id;
}

const thread = async (key: string) => (await author().request('GET', `/api/v1/threads/${key}/comments`)).json;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_PREMODERATION: 'all', TRIBUNE_REPORTS_TO_HIDE: '1' });
  await server.tribune.services.staff.createStaff({ email: 'mod@example.org', name: 'Rosa Moderator', role: 'moderator', password: PASSWORD });
  await server.tribune.services.staff.createStaff({ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD });
  for (const slug of ['queue', 'bulk', 'reported', 'audit']) expect((await createArticle(server, { slug, title: `Story ${slug}` })).status).toBe(201);
  moderator = await signedIn(server.baseUrl, 'mod@example.org', PASSWORD);
  admin = await signedIn(server.baseUrl, 'admin@example.org', PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

describe('the queue page', () => {
  it('sends visitors who are not signed in to the sign-in page', async () => {
    const res = await new StaffBrowser(server.baseUrl).send('GET', '/staff/moderation');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/sign-in');
  });

  it('shows a held comment in Pending with its article, and a moderator approves it for readers', async () => {
    const id = await held('queue', 'Time to eradicate them all!');
    const pending = await moderator.open(`/staff/moderation?tab=pending`);
    expect(pending.text).toContain(`id="card-${id}"`);
    expect(pending.text).toContain('Story queue');
    expect(pending.text).toContain('href="/articles/queue"');
    // The threat's words are marked inside the escaped text.
    expect(pending.text).toMatch(/<mark>[^<]*eradicate[^<]*<\/mark>/i);
    expect(pending.text).toContain('Keyboard:');
    expect(pending.headers.get('cache-control')).toBe('no-store');
    expect((await thread('queue')).count).toBe(0);

    const res = await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: pending.csrf, tab: 'pending', do: `approve:${id}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/staff\/moderation\?tab=pending/);

    const after = await thread('queue');
    expect(after.count).toBe(1);
    expect(after.comments.map((c: { id: number }) => c.id)).toEqual([id]);
    expect((await moderator.open(`/staff/moderation?tab=pending`)).text).not.toContain(`id="card-${id}"`);
    expect((await moderator.open(`/staff/moderation?tab=approved`)).text).toContain(`id="card-${id}"`);
  });

  it('rejecting or marking spam hides a comment and moves it to its tab; the count goes down', async () => {
    const a = await held('queue', 'A first opinion that will be rejected.');
    const b = await held('queue', 'Buy cheap watches here, a spam comment.');
    const page = await moderator.open(`/staff/moderation?tab=pending`);
    await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, do: `approve:${a}` } });
    const before = (await thread('queue')).count;
    expect((await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, tab: 'approved', do: `reject:${a}` } })).status).toBe(303);
    expect((await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, do: `spam:${b}` } })).status).toBe(303);
    const after = await thread('queue');
    expect(after.count).toBe(before - 1);
    expect(after.comments.map((c: { id: number }) => c.id)).not.toContain(a);
    expect((await moderator.open(`/staff/moderation?tab=rejected`)).text).toContain(`id="card-${a}"`);
    expect((await moderator.open(`/staff/moderation?tab=spam`)).text).toContain(`id="card-${b}"`);
  });

  it('approves several selected comments at once', async () => {
    const ids = [await held('bulk', 'First of three.'), await held('bulk', 'Second of three.'), await held('bulk', 'Third of three.')];
    const page = await moderator.open(`/staff/moderation?tab=pending`);
    const res = await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, tab: 'pending', action: 'approve', ids: ids.map(String) } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/moderation?tab=pending&done=approve&n=3');
    const after = await thread('bulk');
    expect(after.count).toBe(3);
    expect(after.comments.map((c: { id: number }) => c.id).sort()).toEqual([...ids].sort());
  });

  it('refuses a form without the session CSRF token, and changes nothing', async () => {
    const id = await held('queue', 'Nobody approves me by a forged form.');
    const forged = await moderator.send('POST', '/staff/moderation/actions', { form: { do: `approve:${id}` } });
    expect(forged.status).toBe(403);
    const wrong = await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: 'x'.repeat(32), do: `approve:${id}` } });
    expect(wrong.status).toBe(403);
    // The JSON API with the cookie needs X-CSRF-Token too.
    const api = await moderator.send('POST', '/api/v1/moderation/actions', { json: { action: 'approve', ids: [id] } });
    expect(api.status).toBe(401);
    const apiWrong = await moderator.send('POST', '/api/v1/moderation/actions', { json: { action: 'approve', ids: [id] }, headers: { 'x-csrf-token': 'nope' } });
    expect(apiWrong.status).toBe(403);
    expect((await moderator.open(`/staff/moderation?tab=pending`)).text).toContain(`id="card-${id}"`);
  });
});

describe('reported comments', () => {
  it('reports on a comment a moderator approved bring it to Reported (not Pending) with the reasons, without hiding it; approving again answers them', async () => {
    const guest = author();
    const id = await held('reported', 'An opinion some readers dislike.', guest);
    const page = await moderator.open(`/staff/moderation?tab=pending`);
    await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, do: `approve:${id}` } });
    expect((await thread('reported')).count).toBe(1);

    const reporter = author();
    await reporter.request('GET', '/api/v1/threads/reported/comments');
    const report = await reporter.request('POST', `/api/v1/comments/${id}/reports`, { reason: 'harassment', note: 'Goes after a neighbour' });
    expect(report.status).toBe(201);
    // TRIBUNE_REPORTS_TO_HIDE is 1 here, but a moderator has already said it may stand.
    expect(report.json.hidden).toBe(false);
    expect((await thread('reported')).count).toBe(1);

    const reported = await moderator.open(`/staff/moderation?tab=reported`);
    expect(reported.text).toContain(`id="card-${id}"`);
    expect(reported.text).toContain('Goes after a neighbour');
    expect(reported.text).toContain('harassment');
    expect((await moderator.open(`/staff/moderation?tab=pending`)).text).not.toContain(`id="card-${id}"`);

    await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: reported.csrf, tab: 'reported', do: `approve:${id}` } });
    expect((await thread('reported')).count).toBe(1);
    expect((await moderator.open(`/staff/moderation?tab=reported`)).text).not.toContain(`id="card-${id}"`);
    // The review answered the reports so far: the next one starts a fresh count, and still cannot hide it.
    const again = await author().request('POST', `/api/v1/comments/${id}/reports`, { reason: 'abuse' });
    expect(again.json.hidden).toBe(false);
    expect((await moderator.open(`/staff/moderation?tab=reported`)).text).toContain(`id="card-${id}"`);
    const stored = await server.tribune.database.db.selectFrom('comments').select('report_count').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.report_count).toBe(1);
  });
});

describe('editing as a moderator', () => {
  it('shows "editedBy" the moderator and keeps the earlier text as a revision', async () => {
    const id = await held('queue', 'Original wording with a typo in it.');
    const page = await moderator.open(`/staff/moderation?tab=pending`);
    const res = await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, action: 'edit', ids: String(id), body: 'Edited wording without the typo.' } });
    expect(res.status).toBe(303);
    const pending = await moderator.open(`/staff/moderation?tab=pending`);
    expect(pending.text).toContain('Edited wording without the typo.');
    expect(pending.text).toContain('Last edited by Rosa Moderator');
    expect(pending.text).toContain('Original wording with a typo in it.');

    // Over the JSON API with the cookie and X-CSRF-Token.
    const api = await moderator.send('POST', '/api/v1/moderation/actions', { json: { action: 'approve', ids: [id] }, headers: { 'x-csrf-token': pending.csrf } });
    expect(api.status).toBe(200);
    const shown = (await thread('queue')).comments.find((c: { id: number }) => c.id === id);
    expect(shown).toMatchObject({ editedBy: 'Rosa Moderator', html: expect.stringContaining('Edited wording') });

    const queue = await moderator.send('GET', '/api/v1/moderation/queue?tab=approved', {});
    const card = queue.json.cards.find((c: { id: number }) => c.id === id);
    expect(card.revisions).toEqual([expect.objectContaining({ body: 'Original wording with a typo in it.', replacedBy: 'Rosa Moderator' })]);
  });
});

describe('the audit log', () => {
  it('records who did what with before and after; admins read it, moderators get 403', async () => {
    const id = await held('audit', 'A comment for the audit trail.');
    const page = await moderator.open(`/staff/moderation?tab=pending`);
    await moderator.send('POST', '/staff/moderation/actions', { form: { csrf: page.csrf, do: `spam:${id}` } });
    const bearer = await fetch(`${server.baseUrl}/api/v1/moderation/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ action: 'approve', ids: [id] }),
    });
    expect(bearer.status).toBe(200);

    const log = await admin.send('GET', '/api/v1/moderation/audit');
    expect(log.status).toBe(200);
    const mine = log.json.entries.filter((e: { commentId: number }) => e.commentId === id);
    expect(mine).toEqual([
      expect.objectContaining({ staffName: 'Staff', action: 'approve', details: { before: { status: 'spam' }, after: { status: 'published' } } }),
      expect.objectContaining({ staffName: 'Rosa Moderator', action: 'spam', details: { before: { status: 'pending' }, after: { status: 'spam' } } }),
    ]);
    // Every earlier action in this file is there too, edits with their texts.
    expect(log.json.entries.some((e: { action: string; details: { before: { body?: string } } }) => e.action === 'edit' && e.details.before.body)).toBe(true);

    const html = await admin.send('GET', '/staff/audit');
    expect(html.status).toBe(200);
    expect(html.text).toContain('Rosa Moderator');
    expect(html.text).toContain('marked as spam');
    expect(html.text).toContain(`#${id}`);

    expect((await moderator.send('GET', '/staff/audit')).status).toBe(403);
    expect((await moderator.send('GET', '/api/v1/moderation/audit')).status).toBe(403);
    expect((await new StaffBrowser(server.baseUrl).send('GET', '/api/v1/moderation/queue')).status).toBe(401);
  });
});
