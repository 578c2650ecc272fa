import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, Guest, startServer, type TestServer } from '../support/server.js';

/** Comments on a passage of an article: posted with their quote, found again after the article is edited, detached when it is gone. */

let server: TestServer;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const para1 = 'The harbour bridge will close for repairs in the spring.';
const para2 = 'The council voted 23 to 9 to fund the repair after a five-hour session.';
const para3 = 'Ferries will run every twenty minutes while it is closed, and the council voted 23 to 9 on that too.';

beforeAll(async () => {
  server = await startServer();
  const created = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles', { slug: 'bridge', title: 'Bridge', body: `${para1}\n\n${para2}\n\n${para3}`, author: { name: 'Maya Okafor' } }, admin);
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await server?.close();
});

async function shown(id: number): Promise<{ anchor?: { exact: string; start: number; detached?: boolean } } | undefined> {
  const page = (await new Guest(server.baseUrl).request('GET', '/api/v1/threads/bridge/comments?sort=oldest&limit=100')).json;
  return page.comments.find((c: { id: number }) => c.id === id);
}
const editArticle = (body: string) => new Guest(server.baseUrl).request('PATCH', '/api/v1/admin/articles/bridge', { body }, admin);

describe('a comment on a passage', () => {
  it('follows its passage through edits above it, tells repeated words apart by their context, and is detached with its quote when the passage goes', async () => {
    // "voted 23 to 9" is in two paragraphs; the context says which one.
    const anchor = { exact: 'voted 23 to 9', prefix: 'The council ', suffix: ' to fund the repair' };
    const posted = await new Guest(server.baseUrl).post('bridge', { body: 'Was the vote really that close?', name: 'Passage Reader', anchor });
    expect(posted.status).toBe(201);
    const id = posted.json.comment.id;
    const start = para1.length + 2 + 'The council '.length;
    expect(posted.json.comment.anchor).toEqual({ exact: 'voted 23 to 9', prefix: `${para1}\n\nThe council `.slice(-32), suffix: ' to fund the repair after a five', start });
    expect((await shown(id))?.anchor).toMatchObject({ exact: 'voted 23 to 9', start });

    const second = await new Guest(server.baseUrl).post('bridge', { body: 'And the ferries?', name: 'Other Reader', anchor: { exact: 'voted 23 to 9', prefix: 'and the council ', suffix: ' on that too' } });
    expect(second.json.comment.anchor.start).toBe(para1.length + 2 + para2.length + 2 + para3.indexOf('voted 23 to 9'));

    const added = 'An editor added this whole new opening paragraph after the story was published.';
    expect((await editArticle(`${added}\n\n${para1}\n\n${para2}\n\n${para3}`)).status).toBe(200);
    expect((await shown(id))?.anchor).toEqual({ exact: 'voted 23 to 9', prefix: expect.any(String), suffix: expect.any(String), start: start + added.length + 2 });

    const passages = (await new Guest(server.baseUrl).request('GET', '/api/v1/threads/bridge/passages')).json.passages;
    expect(passages.map((p: { exact: string; start: number; count: number; commentIds: number[] }) => [p.exact, p.start, p.count, p.commentIds])).toEqual([
      ['voted 23 to 9', start + added.length + 2, 1, [id]],
      ['voted 23 to 9', second.json.comment.anchor.start + added.length + 2, 1, [second.json.comment.id]],
    ]);

    expect((await editArticle(`${added}\n\n${para1}\n\n${para3}`)).status).toBe(200);
    // Its own passage is gone: it does not jump to the other "voted 23 to 9".
    const gone = await shown(id);
    expect(gone?.anchor).toMatchObject({ exact: 'voted 23 to 9', detached: true });
    expect(gone?.anchor?.start === (await shown(second.json.comment.id))?.anchor?.start).toBe(false);
  });

  it('can answer an author’s question on a passage, which the passages list with who asked', async () => {
    const asked = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles/bridge/questions', { exact: 'close for repairs in the spring', question: 'Which months would suit you least?' }, admin);
    expect(asked.status).toBe(201);
    expect(asked.json.question).toMatchObject({ exact: 'close for repairs in the spring', question: 'Which months would suit you least?', askedBy: 'Maya Okafor', count: 0 });
    const answer = await new Guest(server.baseUrl).post('bridge', { body: 'Not July, please.', name: 'Ferry User', anchor: { exact: 'close for repairs in the spring', prefix: asked.json.question.prefix, suffix: asked.json.question.suffix } });
    expect(answer.status).toBe(201);
    const listed = (await new Guest(server.baseUrl).request('GET', '/api/v1/threads/bridge/passages')).json.passages;
    expect(listed.find((p: { exact: string }) => p.exact === 'close for repairs in the spring')).toMatchObject({ question: 'Which months would suit you least?', askedBy: 'Maya Okafor', count: 1, commentIds: [answer.json.comment.id] });

    const bad = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles/bridge/questions', { exact: 'words not in it', question: 'Well?' }, admin);
    expect(bad.json.error).toMatchObject({ code: 'anchor_not_found', field: 'exact' });
    const empty = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles/bridge/questions', { exact: 'harbour bridge', question: '   ' }, admin);
    expect(empty.json.error).toMatchObject({ code: 'question_required', field: 'question' });
    expect((await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles/nowhere/questions', { exact: 'x', question: 'Well?' }, admin)).status).toBe(404);
    expect((await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles/bridge/questions', { exact: 'harbour bridge', question: 'Well?' })).status).toBe(401);
  });

  it('is refused with a 400 naming the field when the quote is not in the article, is on a reply, or is empty', async () => {
    const guest = new Guest(server.baseUrl);
    const notThere = await guest.post('bridge', { body: 'Hmm.', name: 'Reader', anchor: { exact: 'a sentence nobody wrote' } });
    expect(notThere.status).toBe(400);
    expect(notThere.json.error).toMatchObject({ code: 'anchor_not_found', field: 'anchor.exact' });
    const parent = await guest.post('bridge', { body: 'A plain comment.', name: 'Reader' });
    const reply = await guest.post('bridge', { body: 'A reply.', name: 'Reader', parentId: parent.json.comment.id, anchor: { exact: 'harbour bridge' } });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ code: 'anchor_on_reply', field: 'anchor' });
    const blank = await guest.post('bridge', { body: 'Hmm.', name: 'Reader', anchor: { exact: '   ' } });
    expect(blank.json.error).toMatchObject({ code: 'anchor_exact_required', field: 'anchor.exact' });
    expect((await guest.post('bridge', { body: 'Hmm.', name: 'Reader', anchor: { exact: 7 } as never })).status).toBe(400);
    expect((await new Guest(server.baseUrl).request('GET', '/api/v1/threads/no-such/passages')).status).toBe(404);
  });
});
