import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createArticle, Guest, startServer, ADMIN_TOKEN, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_MAX_DEPTH: '2', TRIBUNE_COMMENTS_PER_PAGE: '3', TRIBUNE_REPLIES_SHOWN: '2' });
  expect((await createArticle(server, { slug: 'bridge' })).status).toBe(201);
});
afterAll(() => server?.close());

describe('health', () => {
  it('answers ok when the database answers', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('posting', () => {
  it('publishes a guest comment with safe Markdown and hands out an edit token', async () => {
    const guest = new Guest(server.baseUrl);
    const res = await guest.post('bridge', {
      body: 'Good *news*. See https://example.org and <script>alert(1)</script> [x](javascript:alert(1))',
      name: '  Ines  ',
      email: 'ines@example.org',
    });
    expect(res.status).toBe(201);
    const { comment, editToken } = res.json;
    expect(editToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(comment.author).toEqual({ name: 'Ines', website: null });
    expect(comment.html).toContain('<em>news</em>');
    expect(comment.html).toContain('<a href="https://example.org" rel="nofollow ugc noopener"');
    expect(comment.html).not.toContain('<script');
    expect(comment.html).toContain('&lt;script&gt;');
    expect(comment.html).not.toContain('href="javascript');
    expect(JSON.stringify(res.json)).not.toContain('ines@example.org');
    expect(res.headers.get('set-cookie')).toMatch(/tribune_reader=.*HttpOnly/i);
  });

  it.each([
    [{ body: '' }, 'body', 'body_too_short'],
    [{ body: 'x'.repeat(5001) }, 'body', 'body_too_long'],
    [{ body: 'Hello there', name: '   ' }, 'name', 'name_required'],
    [{ body: 'Hello there', email: 'not-an-email' }, 'email', 'email_invalid'],
    [{ body: 'Hello there', website: 'javascript:alert(1)' }, 'website', 'website_invalid'],
    [{ body: 42 }, 'body', 'invalid_input'],
    [{ name: 'x' }, 'body', 'invalid_input'],
  ])('refuses %j naming the field', async (body, field, code) => {
    const before = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/bridge/comments');
    const res = await new Guest(server.baseUrl).request('POST', '/api/v1/threads/bridge/comments', { name: 'Marek', ...body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toEqual(expect.any(String));
    const after = await new Guest(server.baseUrl).request('GET', '/api/v1/threads/bridge/comments');
    expect(after.json.count).toBe(before.json.count);
  });

  it('answers malformed JSON, oversized bodies and unknown ids with clear errors', async () => {
    const guest = new Guest(server.baseUrl);
    const malformed = await guest.request('POST', '/api/v1/threads/bridge/comments', '{"body": "unterminated');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('invalid_json');

    const huge = await guest.request('POST', '/api/v1/threads/bridge/comments', { name: 'A', body: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('body_too_large');

    const noThread = await guest.post('no-such-article', { body: 'Hello there' });
    expect(noThread.status).toBe(404);
    expect(noThread.json.error.code).toBe('thread_not_found');

    const noParent = await guest.post('bridge', { body: 'Hello there', parentId: 999999 });
    expect(noParent.status).toBe(404);
    expect(noParent.json.error.code).toBe('parent_not_found');

    const badId = await guest.request('PATCH', '/api/v1/comments/abc', { body: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.json.error.field).toBe('id');

    const noComment = await guest.request('POST', '/api/v1/comments/999999/vote', { value: 1 });
    expect(noComment.status).toBe(404);

    const noRoute = await guest.request('GET', '/api/v1/nothing-here');
    expect(noRoute.status).toBe(404);
    expect(noRoute.json.error.code).toBe('not_found');
  });

  it('can require an e-mail address by setting', async () => {
    const strict = await startServer({ TRIBUNE_REQUIRE_EMAIL: 'on' });
    try {
      await createArticle(strict, { slug: 'strict' });
      const guest = new Guest(strict.baseUrl);
      const without = await guest.post('strict', { body: 'Hello there' });
      expect(without.status).toBe(400);
      expect(without.json.error).toMatchObject({ code: 'email_required', field: 'email' });
      expect((await guest.post('strict', { body: 'Hello there', email: 'a@b.org' })).status).toBe(201);
    } finally {
      await strict.close();
    }
  });
});

describe('threads', () => {
  it('nests replies, attaches replies below the maximum depth to the deepest level, and counts everything', async () => {
    const shallow = await startServer({ TRIBUNE_MAX_DEPTH: '2' });
    onTestFinished(() => shallow.close());
    await createArticle(shallow, { slug: 'nesting' });
    const guest = new Guest(shallow.baseUrl);
    const top = (await guest.post('nesting', { body: 'Top level', name: 'Marek' })).json.comment;
    const r1 = (await guest.post('nesting', { body: 'First reply', name: 'Ines', parentId: top.id })).json.comment;
    const r2 = (await guest.post('nesting', { body: 'Second level', name: 'Marek', parentId: r1.id })).json.comment;
    const r3 = (await guest.post('nesting', { body: 'Too deep', name: 'Tom', parentId: r2.id })).json.comment;
    expect(r3.replyTo).toBe('Marek');

    const page = (await guest.request('GET', '/api/v1/threads/nesting/comments')).json;
    expect(page.count).toBe(4);
    expect(page.comments).toHaveLength(1);
    const [root] = page.comments;
    expect(root.replies.map((c: any) => c.id)).toEqual([r1.id]);
    // Max depth 2: r2 sits at level 2, and r3 (a reply to r2) attaches beside it, keeping its true parent.
    expect(root.replies[0].replies.map((c: any) => c.id)).toEqual([r2.id, r3.id]);
    expect(root.replies[0].replies[1].parentId).toBe(r2.id);
    expect(root.replyCount).toBe(3);
  });

  it('pages top-level comments with keyset cursors in each sort, without gaps or repeats', async () => {
    await createArticle(server, { slug: 'paging' });
    const authors = Array.from({ length: 8 }, () => new Guest(server.baseUrl));
    const ids: number[] = [];
    for (const [i, guest] of authors.entries()) {
      ids.push((await guest.post('paging', { body: `Comment number ${i}`, name: `Reader ${i}` })).json.comment.id);
      server.clock.advance(1000);
    }
    // Votes: comment 5 gets two up, comment 2 one up, comment 7 one down.
    const voters = [new Guest(server.baseUrl), new Guest(server.baseUrl)];
    for (const voter of voters) expect((await voter.request('POST', `/api/v1/comments/${ids[5]}/vote`, { value: 1 })).status).toBe(200);
    await voters[0]!.request('POST', `/api/v1/comments/${ids[2]}/vote`, { value: 1 });
    await voters[0]!.request('POST', `/api/v1/comments/${ids[7]}/vote`, { value: -1 });

    const walk = async (sort: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await authors[0]!.request('GET', `/api/v1/threads/paging/comments?${query}`);
        expect(res.status).toBe(200);
        expect(res.json.comments.length).toBeLessThanOrEqual(3);
        seen.push(...res.json.comments.map((c: any) => c.id));
        cursor = res.json.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('oldest')).toEqual(ids);
    expect(await walk('newest')).toEqual([...ids].reverse());
    const others = ids.filter((id) => ![ids[5], ids[2], ids[7]].includes(id));
    expect(await walk('votes')).toEqual([ids[5], ids[2], ...others, ids[7]]);

    const wrongSort = await authors[0]!.request('GET', `/api/v1/threads/paging/comments?sort=newest&cursor=${(await authors[0]!.request('GET', '/api/v1/threads/paging/comments')).json.nextCursor}`);
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.json.error).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
    const junk = await authors[0]!.request('GET', '/api/v1/threads/paging/comments?cursor=%%%junk');
    expect(junk.status).toBe(400);
  });

  it('shows the first replies of a long branch and loads the rest', async () => {
    await createArticle(server, { slug: 'branch' });
    const guest = new Guest(server.baseUrl);
    const top = (await guest.post('branch', { body: 'Start of a long branch' })).json.comment;
    const replies: number[] = [];
    for (let i = 0; i < 5; i++) {
      replies.push((await guest.post('branch', { body: `Reply ${i}`, parentId: top.id })).json.comment.id);
      server.clock.advance(10);
    }
    const page = (await guest.request('GET', '/api/v1/threads/branch/comments')).json;
    const [root] = page.comments;
    expect(root.replies.map((c: any) => c.id)).toEqual(replies.slice(0, 2));
    expect(root.replyCount).toBe(5);
    expect(root.moreReplies).toEqual(expect.any(String));

    const loaded: number[] = [];
    let cursor = root.moreReplies;
    while (cursor) {
      const more = await guest.request('GET', `/api/v1/comments/${top.id}/replies?cursor=${cursor}`);
      expect(more.status).toBe(200);
      loaded.push(...more.json.replies.map((c: any) => c.id));
      for (const reply of more.json.replies) expect(reply.replyTo).toBe('Marek');
      cursor = more.json.nextCursor;
    }
    expect(loaded).toEqual(replies.slice(2));
  });
});

describe('editing and deleting', () => {
  it('lets the author edit within the window with the token, keeping the earlier text', async () => {
    await createArticle(server, { slug: 'editing' });
    const author = new Guest(server.baseUrl);
    const posted = (await author.post('editing', { body: 'Teh first version', name: 'Ines' })).json;
    const id = posted.comment.id;

    const stranger = await new Guest(server.baseUrl).request('PATCH', `/api/v1/comments/${id}`, { body: 'Hijacked' });
    expect(stranger.status).toBe(403);
    expect(stranger.json.error.code).toBe('not_your_comment');
    const wrongToken = await author.request('PATCH', `/api/v1/comments/${id}`, { body: 'Hijacked' }, { 'x-edit-token': 'wrong-token-wrong-token' });
    expect(wrongToken.status).toBe(403);

    const edited = await author.request('PATCH', `/api/v1/comments/${id}`, { body: 'The *second* version' }, { 'x-edit-token': posted.editToken });
    expect(edited.status).toBe(200);
    expect(edited.json.comment.html).toBe('<p>The <em>second</em> version</p>');
    expect(edited.json.comment.editedBy).toBe('Ines');
    expect(Date.parse(edited.json.comment.editedAt)).toBeGreaterThan(0);
    const revisions = await server.tribune.database.db.selectFrom('comment_revisions').selectAll().where('comment_id', '=', id).execute();
    expect(revisions.map((r) => r.body_md)).toEqual(['Teh first version']);

    const shown = (await author.request('GET', '/api/v1/threads/editing/comments')).json.comments[0];
    expect(shown.editedBy).toBe('Ines');

    server.clock.advance(16 * 60_000);
    const late = await author.request('PATCH', `/api/v1/comments/${id}`, { body: 'Too late' }, { 'x-edit-token': posted.editToken });
    expect(late.status).toBe(403);
    expect(late.json.error.code).toBe('edit_window_closed');
    const lateDelete = await author.request('DELETE', `/api/v1/comments/${id}`, undefined, { 'x-edit-token': posted.editToken });
    expect(lateDelete.status).toBe(403);
  });

  it('deletes a comment, keeps a placeholder while it has replies, and updates the count', async () => {
    await createArticle(server, { slug: 'deleting' });
    const author = new Guest(server.baseUrl);
    const top = (await author.post('deleting', { body: 'I will regret this', name: 'Tom' })).json;
    const alone = (await author.post('deleting', { body: 'Nobody answers me', name: 'Tom' })).json;
    await new Guest(server.baseUrl).post('deleting', { body: 'A reply', name: 'Ines', parentId: top.comment.id });

    for (const posted of [top, alone]) {
      const res = await author.request('DELETE', `/api/v1/comments/${posted.comment.id}`, undefined, { 'x-edit-token': posted.editToken });
      expect(res.status).toBe(200);
    }
    const page = (await author.request('GET', '/api/v1/threads/deleting/comments')).json;
    expect(page.count).toBe(1);
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]).toMatchObject({ id: top.comment.id, deleted: true, html: '', author: { name: '' } });
    expect(page.comments[0].replies).toHaveLength(1);
    const again = await author.request('DELETE', `/api/v1/comments/${alone.comment.id}`, undefined, { 'x-edit-token': alone.editToken });
    expect(again.status).toBe(404);
  });

  it('lets staff edit any comment at any time', async () => {
    await createArticle(server, { slug: 'staff-edit' });
    const id = (await new Guest(server.baseUrl).post('staff-edit', { body: 'Original words' })).json.comment.id;
    server.clock.advance(60 * 60_000);
    const res = await new Guest(server.baseUrl).request('PATCH', `/api/v1/comments/${id}`, { body: 'Moderated words' }, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.json.comment.editedBy).toBe('Staff');
  });
});

describe('voting', () => {
  it('keeps one vote per reader, which can change or be withdrawn', async () => {
    await createArticle(server, { slug: 'voting' });
    const author = new Guest(server.baseUrl);
    const id = (await author.post('voting', { body: 'Vote on me' })).json.comment.id;
    const reader = new Guest(server.baseUrl);
    const vote = (value: number, who = reader) => who.request('POST', `/api/v1/comments/${id}/vote`, { value });

    expect((await vote(1)).json).toEqual({ votes: { up: 1, down: 0 }, value: 1 });
    expect((await vote(1)).json).toEqual({ votes: { up: 1, down: 0 }, value: 1 });
    expect((await vote(-1)).json).toEqual({ votes: { up: 0, down: 1 }, value: -1 });
    expect((await vote(0)).json).toEqual({ votes: { up: 0, down: 0 }, value: 0 });
    expect((await vote(1, new Guest(server.baseUrl))).json.votes).toEqual({ up: 1, down: 0 });

    const own = await vote(1, author);
    expect(own.status).toBe(403);
    expect(own.json.error.code).toBe('own_comment');
    const bad = await vote(2);
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('value');

    const shown = (await reader.request('GET', '/api/v1/threads/voting/comments')).json.comments[0];
    expect(shown.votes).toEqual({ up: 1, down: 0 });
  });

  it('counts concurrent votes from many readers exactly', async () => {
    await createArticle(server, { slug: 'busy-votes' });
    const id = (await new Guest(server.baseUrl).post('busy-votes', { body: 'Popular opinion' })).json.comment.id;
    const readers = Array.from({ length: 20 }, () => new Guest(server.baseUrl));
    await Promise.all(readers.map((r, i) => r.request('POST', `/api/v1/comments/${id}/vote`, { value: i % 4 === 0 ? -1 : 1 })));
    const shown = (await readers[0]!.request('GET', '/api/v1/threads/busy-votes/comments')).json.comments[0];
    expect(shown.votes).toEqual({ up: 15, down: 5 });
  });
});

describe('admin articles', () => {
  it('needs the admin token and validates the article', async () => {
    const body = { slug: 'new-one', title: 'New', body: 'Text', author: { name: 'Maya' } };
    const anonymous = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles', body);
    expect(anonymous.status).toBe(401);
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const badSlug = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles', { ...body, slug: 'Not A Slug' }, auth);
    expect(badSlug.status).toBe(400);
    expect(badSlug.json.error.field).toBe('slug');
    const missing = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles', { slug: 'x' }, auth);
    expect(missing.status).toBe(400);
    const created = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles', body, auth);
    expect(created.status).toBe(201);
    expect(created.json.article).toMatchObject({ slug: 'new-one', title: 'New', bodyHtml: '<p>Text</p>', author: { name: 'Maya' } });
    const duplicate = await new Guest(server.baseUrl).request('POST', '/api/v1/admin/articles', body, auth);
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('slug_taken');
  });
});
