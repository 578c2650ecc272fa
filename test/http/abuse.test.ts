import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

/** What one hostile client could do before (issue 8), each tried again as the attacker would. */

let server: TestServer;
const staff = { authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  server = await startServer({ TRIBUNE_REPORTS_TO_HIDE: '3', TRIBUNE_PREMODERATION: 'first' });
  await createArticle(server, { slug: 'abuse' });
});
afterAll(() => server?.close());

const thread = async () => (await new Guest(server.baseUrl).request('GET', '/api/v1/threads/abuse/comments')).json;
const approve = (id: number) => new Guest(server.baseUrl).request('POST', '/api/v1/moderation/actions', { action: 'approve', ids: [id] }, staff);
/** A guest whose comments are shown: the site holds a new commenter's first comment (TRIBUNE_PREMODERATION=first). */
async function regular(): Promise<Guest> {
  const guest = new Guest(server.baseUrl);
  const first = await guest.post('abuse', { body: 'My first comment here.' });
  expect(first.status).toBe(202);
  await approve(first.json.comment.id);
  return guest;
}
const shown = async (guest: Guest, body: string, extra: Record<string, unknown> = {}) => {
  const posted = await guest.post('abuse', { body, ...extra });
  expect(posted.status).toBe(201);
  return posted.json.comment.id as number;
};
const report = (guest: Guest, id: number) => guest.request('POST', `/api/v1/comments/${id}/reports`, { reason: 'abuse' });
const vote = (guest: Guest, id: number, value = 1) => guest.request('POST', `/api/v1/comments/${id}/vote`, { value });

describe('2. reports', () => {
  it('counts one report per person: reports sent without a cookie from one address are one report', async () => {
    const id = await shown(await regular(), 'A comment someone wants gone.');
    const attacker = new Guest(server.baseUrl);
    expect((await report(attacker, id)).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      attacker.dropCookie();
      const again = await report(attacker, id);
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('already_reported');
    }
    expect((await thread()).comments.map((c: any) => c.id)).toContain(id);
  });

  it('hides a reported comment as a placeholder, keeping other readers’ replies in view', async () => {
    const id = await shown(await regular(), 'A remark that draws reports.');
    const replier = await regular();
    const reply = (await replier.post('abuse', { body: 'A thoughtful answer to it.', parentId: id })).json.comment.id;
    for (let i = 0; i < 3; i++) expect((await report(new Guest(server.baseUrl), id)).status).toBe(201);
    const placeholder = (await thread()).comments.find((c: any) => c.id === id);
    expect(placeholder).toMatchObject({ deleted: true, hidden: true, html: '', author: { name: '' } });
    expect(placeholder.replies.map((r: any) => r.id)).toEqual([reply]);
    expect(placeholder.replies[0].html).toContain('A thoughtful answer');
    const more = await new Guest(server.baseUrl).request('GET', `/api/v1/comments/${id}/replies`);
    expect(more.json.replies.map((r: any) => r.id)).toEqual([reply]);
  });

  it('never hides a comment a moderator approved, nor one staff wrote; a review resets the count', async () => {
    const held = (await new Guest(server.baseUrl).post('abuse', { body: 'Approved by a moderator.' })).json.comment.id;
    await approve(held);
    const byStaff = (await new Guest(server.baseUrl).request('POST', '/api/v1/threads/abuse/comments', { body: 'A note from the editors.', name: 'Editors' }, staff)).json.comment.id;
    for (const id of [held, byStaff]) {
      for (let i = 0; i < 4; i++) expect((await report(new Guest(server.baseUrl), id)).json).toEqual({ reported: true, hidden: false });
      expect((await thread()).comments.find((c: any) => c.id === id)?.deleted).toBe(false);
    }
    await approve(held);
    const row = await server.tribune.database.db.selectFrom('comments').select('report_count').where('id', '=', held).executeTakeFirstOrThrow();
    expect(row.report_count).toBe(0);
  });
});

describe('3. votes', () => {
  it('counts one vote per person, however often the cookie is dropped', async () => {
    const id = await shown(await regular(), 'Vote me up as often as you like.');
    const voter = new Guest(server.baseUrl);
    for (let i = 0; i < 10; i++) {
      voter.dropCookie();
      expect((await vote(voter, id)).json.votes).toEqual({ up: 1, down: 0 });
    }
    // The same person changing their mind with yet another cookie changes the one vote.
    voter.dropCookie();
    expect((await vote(voter, id, -1)).json.votes).toEqual({ up: 0, down: 1 });
    voter.dropCookie();
    expect((await vote(voter, id, 0)).json.votes).toEqual({ up: 0, down: 0 });
    expect((await vote(new Guest(server.baseUrl), id)).json.votes).toEqual({ up: 1, down: 0 });
  });

  it('refuses a vote on one’s own comment; a dropped cookie adds at most the address’s one vote', async () => {
    const author = await regular();
    const id = await shown(author, 'My own opinion, which I like.');
    const own = await vote(author, id);
    expect(own.status).toBe(403);
    expect(own.json.error.code).toBe('own_comment');
    // Someone else at the same address (a housemate, a colleague) may vote on it, once for the
    // address; so the author without their cookie cannot tell themselves apart and gets that one vote.
    for (let i = 0; i < 5; i++) {
      author.dropCookie();
      expect((await vote(author, id)).json.votes).toEqual({ up: 1, down: 0 });
    }
  });
});

describe('4. history follows what is verified, not a typed e-mail', () => {
  it('does not let an impostor typing a trusted commenter’s e-mail skip pre-moderation, nor get them held', async () => {
    const trusted = new Guest(server.baseUrl);
    const first = await trusted.post('abuse', { body: 'First words from a regular.', email: 'regular@example.org' });
    await approve(first.json.comment.id);
    expect((await trusted.post('abuse', { body: 'Shown at once now.', email: 'regular@example.org' })).status).toBe(201);

    const impostor = new Guest(server.baseUrl);
    const posed = await impostor.post('abuse', { body: 'Pretending to be the regular.', email: 'regular@example.org' });
    expect(posed.status).toBe(202);
    for (let i = 0; i < 3; i++) {
      const spam = await impostor.post('abuse', { body: `Cheap pills number ${i}`, email: 'regular@example.org', form: { honeypot: 'http://spam.example' } });
      expect(spam.status).toBe(202);
    }
    expect((await trusted.post('abuse', { body: 'Still shown at once.', email: 'regular@example.org' })).status).toBe(201);
  });
});

describe('5. bans cover every action', () => {
  it('refuses a banned reader’s votes, reports, edits and deletes', async () => {
    const target = await shown(await regular(), 'Somebody else’s comment.');
    const banned = await regular();
    const posted = await banned.post('abuse', { body: 'Something that earns a ban.' });
    const { id } = posted.json.comment;
    const token = posted.json.editToken;
    const ban = await new Guest(server.baseUrl).request('POST', '/api/v1/moderation/bans', { commentId: id, by: ['reader'], reason: 'Personal attacks.' }, staff);
    expect(ban.status).toBe(201);

    const attempts = [
      await vote(banned, target),
      await report(banned, target),
      await banned.request('PATCH', `/api/v1/comments/${id}`, { body: 'Edited after the ban.' }, { 'x-edit-token': token }),
      await banned.request('DELETE', `/api/v1/comments/${id}`, undefined, { 'x-edit-token': token }),
      await banned.post('abuse', { body: 'Posting after the ban.' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.json.error.code).toBe('banned');
      expect(attempt.json.error.message).toContain('Personal attacks.');
    }
  });
});

describe('9. spam and held comments answer their author alike', () => {
  it('lets the author edit and delete spam with the edit token exactly as a held comment', async () => {
    const author = new Guest(server.baseUrl);
    const held = await author.post('abuse', { body: 'A newcomer’s first comment.' });
    const spam = await author.post('abuse', { body: 'Buy cheap watches', form: { honeypot: 'bot' } });
    expect(held.status).toBe(202);
    expect(spam.status).toBe(202);
    expect(Object.keys(spam.json.comment).sort()).toEqual(Object.keys(held.json.comment).sort());
    const mine = (await author.request('GET', '/api/v1/threads/abuse/comments/mine')).json.pending.map((c: any) => c.id);
    expect(mine).toEqual(expect.arrayContaining([held.json.comment.id, spam.json.comment.id]));

    const edit = (posted: typeof held) => author.request('PATCH', `/api/v1/comments/${posted.json.comment.id}`, { body: 'Changed my mind about it.' }, { 'x-edit-token': posted.json.editToken });
    const [heldEdit, spamEdit] = [await edit(held), await edit(spam)];
    expect(spamEdit.status).toBe(heldEdit.status);
    expect(Object.keys(spamEdit.json.comment).sort()).toEqual(Object.keys(heldEdit.json.comment).sort());
    const remove = (posted: typeof held) => author.request('DELETE', `/api/v1/comments/${posted.json.comment.id}`, undefined, { 'x-edit-token': posted.json.editToken });
    expect((await remove(spam)).status).toBe((await remove(held)).status);
    // Spam stays where moderators and the author's record see it.
    const row = await server.tribune.database.db.selectFrom('comments').select('status').where('id', '=', spam.json.comment.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('spam');
  });
});

describe('6. a NUL byte anywhere', () => {
  it('is refused with a 400 naming the field, and nothing is stored, on both databases', async () => {
    const target = await shown(await regular(), 'A comment to send hostile input at.');
    const guest = new Guest(server.baseUrl);
    const count = async (table: 'comments' | 'comment_reports' | 'bans') =>
      Number((await server.tribune.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await count('comments'), await count('comment_reports'), await count('bans')];
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases: [string, Promise<{ status: number; json: any }>][] = [
      ['website', guest.post('abuse', { body: 'Hello there', website: 'https://example.org/\u0000' })],
      ['email', guest.post('abuse', { body: 'Hello there', email: 'a\u0000@example.org' })],
      ['note', guest.request('POST', `/api/v1/comments/${target}/reports`, { reason: 'abuse', note: 'rude\u0000' })],
      ['reason', guest.request('POST', '/api/v1/moderation/bans', { commentId: target, by: ['ip'], reason: 'Spam\u0000' }, staff)],
      ['key', guest.request('POST', '/api/v1/threads/abuse%00/comments', { body: 'Hello there', name: 'Marek' })],
      ['email', guest.request('POST', '/staff/sign-in', 'email=mod%00%40example.org&password=x&csrf=y', form)],
      ['body', guest.request('POST', '/articles/abuse/comments', 'body=Hello%00there&name=Marek', form)],
    ];
    for (const [field, pending] of cases) {
      const answer = await pending;
      expect(answer.status, field).toBe(400);
      // Form pages answer with a page naming what to fix; the API with the field.
      if (typeof answer.json === 'object') expect(answer.json.error.field).toBe(field);
      else expect(answer.json).toContain(field);
    }
    expect([await count('comments'), await count('comment_reports'), await count('bans')]).toEqual(before);
  });
});
