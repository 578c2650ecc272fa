import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, Guest, startServer, type TestServer } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ TRIBUNE_COMMENTS_PER_PAGE: '3', TRIBUNE_REPLIES_SHOWN: '2' });
  await createArticle(server, { slug: 'bridge', title: 'Harbour bridge <repairs> approved', topics: ['City hall', 'Transport'] });
  await createArticle(server, { slug: 'ferry', title: 'Ferry timetable changes', topics: ['Transport'] });
  await createArticle(server, { slug: 'lake', title: 'Lake water study', topics: ['Science'] });
});
afterAll(() => server?.close());

async function page(path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${server.baseUrl}${path}`, { redirect: 'manual' });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

describe('pages', () => {
  it('lists the latest articles on the home page', async () => {
    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    for (const slug of ['bridge', 'ferry', 'lake']) expect(home.html).toContain(`/articles/${slug}`);
  });

  it('renders the article with its discussion server-side, escaping the title', async () => {
    const guest = new Guest(server.baseUrl);
    await guest.post('bridge', { body: 'The cables were *visibly* rusting.', name: 'Marek' });
    const article = await page('/articles/bridge');
    expect(article.status).toBe(200);
    expect(article.html).toContain('Harbour bridge &lt;repairs&gt; approved');
    expect(article.html).toMatch(/<a[^>]+href="\/static\/demo\/bridge\.svg"[\s\S]*?Click to see the full-size image/);
    expect(article.html).toMatch(/Written by[\s\S]*Maya Okafor/);
    expect(article.html).toContain('/articles/ferry');
    expect(article.html).not.toContain('/articles/lake"');
    expect(article.html).toContain('id="comments"');
    expect(article.html).toContain('1 Comment');
    expect(article.html).toContain('The cables were <em>visibly</em> rusting.');
    expect(article.html).toContain('/assets/discussion.js');
  });

  it('answers unknown articles with a 404 page', async () => {
    const missing = await page('/articles/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });

  it('shows a new comment at once even though the page is cached', async () => {
    await page('/articles/lake');
    await new Guest(server.baseUrl).post('lake', { body: 'Fresh comment after caching', name: 'Ines' });
    expect((await page('/articles/lake')).html).toContain('Fresh comment after caching');
  });

  it('posts from the plain HTML form and lands on the new comment', async () => {
    const res = await fetch(`${server.baseUrl}/articles/ferry/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body: 'Posted without JavaScript', name: 'Tom B.', email: '', website: '', parentId: '' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/articles\/ferry\?comment=\d+#comment-\d+$/);
    const landed = await page(location.split('#')[0]!);
    expect(landed.html).toContain('Posted without JavaScript');

    const bad = await fetch(`${server.baseUrl}/articles/ferry/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ body: '', name: 'Tom' }).toString(),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Write a comment before posting.');
  });
});

describe('permalinks', () => {
  it('open the page that holds a comment however deep or old', async () => {
    await createArticle(server, { slug: 'long-thread' });
    const guest = new Guest(server.baseUrl);
    const roots: number[] = [];
    for (let i = 0; i < 10; i++) {
      roots.push((await guest.post('long-thread', { body: `Top-level comment ${i}` })).json.comment.id);
      server.clock.advance(1000);
    }
    // A deep chain under the 8th top-level comment, past the replies shown by default.
    let parent = roots[7]!;
    for (let depth = 1; depth <= 7; depth++) {
      parent = (await guest.post('long-thread', { body: `Reply at depth ${depth}`, parentId: parent })).json.comment.id;
      server.clock.advance(1000);
    }
    const deepest = parent;

    const first = await page('/articles/long-thread');
    expect(first.html).not.toContain(`id="comment-${roots[7]}"`);

    const redirect = await page(`/comments/${deepest}`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/articles/long-thread?comment=${deepest}#comment-${deepest}`);

    const opened = await page(`/articles/long-thread?comment=${deepest}`);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain(`id="comment-${deepest}"`);
    expect(opened.html).toContain('Reply at depth 7');
    // Pages of 3: the 8th top-level comment is on the third page, with the 7th and 9th.
    expect(opened.html).toContain(`id="comment-${roots[6]}"`);
    expect(opened.html).toContain(`id="comment-${roots[8]}"`);
    expect(opened.html).not.toContain(`id="comment-${roots[5]}"`);

    const api = await guest.request('GET', `/api/v1/threads/long-thread/comments`);
    expect(api.json.count).toBe(17);

    expect((await page('/comments/999999')).status).toBe(404);
  });
});
