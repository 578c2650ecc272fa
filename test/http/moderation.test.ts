import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  // A made-up banned word keeps these tests about the plumbing, not about slurs.
  server = await startServer({ TRIBUNE_BANNED_WORDS: 'marmalade', TRIBUNE_MIN_FILL_SECONDS: '3' });
  await createArticle(server, { slug: 'debate' });
});
afterAll(() => server?.close());

const visible = async (key: string) => (await new Guest(server.baseUrl).request('GET', `/api/v1/threads/${key}/comments`)).json;

describe('moderation verdicts through the API', () => {
  it('refuses a banned word, however disguised, naming the field and storing nothing', async () => {
    const before = (await visible('debate')).count;
    for (const body of ['I love m4rmalade on toast', 'M A R M A L A D E forever', 'mаrmalade with a Cyrillic a']) {
      const res = await new Guest(server.baseUrl).post('debate', { body, name: 'Ines' });
      expect(res.status, body).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'comment_rejected', field: 'body' });
    }
    expect((await visible('debate')).count).toBe(before);
  });

  it('refuses an abusive display name', async () => {
    const res = await new Guest(server.baseUrl).post('debate', { body: 'A perfectly civil remark.', name: 'Marmalade Fan' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'name_not_allowed', field: 'name' });
  });

  it('holds a threat: the author gets 202 and sees it as pending; nobody else sees it', async () => {
    const author = new Guest(server.baseUrl);
    const res = await author.post('debate', { body: 'Time to eradicate them all!', name: 'Angry Reader' });
    expect(res.status).toBe(202);
    expect(res.json.comment).toMatchObject({ status: 'pending', pending: true });
    const id = res.json.comment.id;

    const page = await visible('debate');
    expect(page.comments.map((c: any) => c.id)).not.toContain(id);
    const mine = await author.request('GET', '/api/v1/threads/debate/comments/mine');
    expect(mine.json.pending.map((c: any) => c.id)).toEqual([id]);
    expect(mine.headers.get('cache-control')).toContain('no-store');
    const others = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/debate/comments/mine');
    expect(others.json.pending).toEqual([]);

    const reasons = await server.tribune.database.db.selectFrom('comments').select(['status', 'moderation_reasons']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(reasons.status).toBe('pending');
    expect(JSON.parse(reasons.moderation_reasons!)[0]).toMatchObject({ phase: expect.any(String), code: expect.any(String), matched: expect.any(Array) });
  });

  it('treats a filled honeypot as spam answered like a held comment, and holds a form sent too fast', async () => {
    const before = (await visible('debate')).count;
    const bot = await new Guest(server.baseUrl).post('debate', { body: 'Great article, visit my site', name: 'Bot', form: { honeypot: 'http://spam.example', elapsedMs: 40_000 } });
    expect(bot.status).toBe(202);
    const hasty = await new Guest(server.baseUrl).post('debate', { body: 'Typed in a blink of an eye', name: 'Quick', form: { honeypot: '', elapsedMs: 200 } });
    expect(hasty.status).toBe(202);
    const person = await new Guest(server.baseUrl).post('debate', { body: 'Typed at a human pace.', name: 'Slow', form: { honeypot: '', elapsedMs: 40_000 } });
    expect(person.status).toBe(201);
    expect((await visible('debate')).count).toBe(before + 1);
    const statuses = await server.tribune.database.db
      .selectFrom('comments')
      .select(['id', 'status'])
      .where('id', 'in', [bot.json.comment.id, hasty.json.comment.id])
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['spam', 'pending']);
  });

  it('judges an edit like a new comment', async () => {
    const author = new Guest(server.baseUrl);
    const posted = (await author.post('debate', { body: 'An innocent first version.', name: 'Editor' })).json;
    const refused = await author.request('PATCH', `/api/v1/comments/${posted.comment.id}`, { body: 'Now with marmalade' }, { 'x-edit-token': posted.editToken });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('comment_rejected');
    const shown = (await visible('debate')).comments.find((c: any) => c.id === posted.comment.id);
    expect(shown.html).toContain('An innocent first version.');
  });

  it('holds everything under TRIBUNE_PREMODERATION=all', async () => {
    const strict = await startServer({ TRIBUNE_PREMODERATION: 'all' });
    try {
      await createArticle(strict, { slug: 'strict' });
      const res = await new Guest(strict.baseUrl).post('strict', { body: 'Hello, a calm comment.', name: 'Calm' });
      expect(res.status).toBe(202);
      expect((await new Guest(strict.baseUrl).request('GET', '/api/v1/threads/strict/comments')).json.count).toBe(0);
    } finally {
      await strict.close();
    }
  });
});
