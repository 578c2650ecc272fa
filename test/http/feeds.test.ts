import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createArticle, Guest, startServer, type TestServer } from '../support/server.js';

/** Feeds, the sitemap and what search engines read on an article page, as a feed reader or crawler gets them. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  const publish = (slug: string, title: string, author: string, topics: string[], publishedAt: string) =>
    fetch(`${server.baseUrl}/api/v1/admin/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ slug, title, standfirst: `About ${slug}.`, body: 'Text.', author: { name: author }, topics, publishedAt }),
    }).then((r) => expect(r.status).toBe(201));
  await publish('ferry-fares', 'Ferry fares rise <again> & again', 'Maya Okafor', ['Transport'], '2026-11-20T08:00:00Z');
  await publish('bridge-vote', 'Council votes on the bridge', 'Jonas Lind', ['City hall', 'Transport'], '2026-11-25T08:00:00Z');
  await publish('park-cafe', 'A café for the park', 'Maya Okafor', ['Leisure'], '2026-11-28T08:00:00Z');
});
afterAll(async () => {
  await server?.close();
});

const get = async (path: string) => {
  const response = await fetch(`${server.baseUrl}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', cache: response.headers.get('cache-control') ?? '', text: await response.text() };
};
const entryTitles = (xml: string) => [...xml.matchAll(/<entry>\s*<id>[^<]*<\/id>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]);

describe('Atom feeds', () => {
  it('list the site’s newest articles first, with absolute links, escaped titles and their standfirst', async () => {
    const feed = await get('/feed.xml');
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('application/atom+xml; charset=utf-8');
    expect(feed.cache).toBe('public, max-age=300');
    expect(feed.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(entryTitles(feed.text)).toEqual(['A café for the park', 'Council votes on the bridge', 'Ferry fares rise &lt;again&gt; &amp; again']);
    expect(feed.text).toContain(`<link rel="alternate" type="text/html" href="${server.baseUrl}/articles/park-cafe"/>`);
    expect(feed.text).toContain(`<link rel="self" type="application/atom+xml" href="${server.baseUrl}/feed.xml"/>`);
    expect(feed.text).toContain('<published>2026-11-28T08:00:00.000Z</published>');
    expect(feed.text).toContain('<summary>About park-cafe.</summary>');
    expect(feed.text).toContain('<author><name>Jonas Lind</name></author>');
  });

  it('follow one topic or one author, and answer 404 for one the site does not have', async () => {
    expect(entryTitles((await get('/topics/transport/feed.xml')).text)).toEqual(['Council votes on the bridge', 'Ferry fares rise &lt;again&gt; &amp; again']);
    expect((await get('/topics/transport/feed.xml')).text).toContain('<title>Transport · ');
    expect(entryTitles((await get('/authors/maya-okafor/feed.xml')).text)).toEqual(['A café for the park', 'Ferry fares rise &lt;again&gt; &amp; again']);
    expect((await get('/topics/gardening/feed.xml')).status).toBe(404);
    expect((await get('/authors/nobody/feed.xml')).status).toBe(404);
  });

  it('carry an article’s newest published comments, replies included, and change when the discussion does', async () => {
    const guest = new Guest(server.baseUrl);
    const first = await guest.post('bridge-vote', { body: 'The **old bridge** was fine.', name: 'Ada' });
    await new Guest(server.baseUrl).post('bridge-vote', { body: 'It was not.', name: 'Ben', parentId: first.json.comment.id });
    let feed = await get('/articles/bridge-vote/comments/feed.xml');
    expect(feed.status).toBe(200);
    expect(entryTitles(feed.text)).toEqual(['Ben on “Council votes on the bridge”', 'Ada on “Council votes on the bridge”']);
    expect(feed.text).toContain('<content type="html">&lt;p&gt;The &lt;strong&gt;old bridge&lt;/strong&gt; was fine.&lt;/p&gt;</content>');
    expect(feed.text).toContain(`<id>${server.baseUrl}/comments/${first.json.comment.id}</id>`);

    await guest.request('DELETE', `/api/v1/comments/${first.json.comment.id}`, undefined, { 'x-edit-token': first.json.editToken });
    feed = await get('/articles/bridge-vote/comments/feed.xml');
    expect(entryTitles(feed.text)).toEqual(['Ben on “Council votes on the bridge”']);
    expect((await get('/articles/no-such-article/comments/feed.xml')).status).toBe(404);
  });
});

describe('for search engines', () => {
  it('a sitemap lists the home page and every article with its last change', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.type).toBe('application/xml; charset=utf-8');
    const locations = [...sitemap.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locations).toEqual([`${server.baseUrl}/`, `${server.baseUrl}/articles/park-cafe`, `${server.baseUrl}/articles/bridge-vote`, `${server.baseUrl}/articles/ferry-fares`]);
    expect(sitemap.text).toContain(`<loc>${server.baseUrl}/articles/ferry-fares</loc><lastmod>`);
  });

  it('robots.txt keeps crawlers out of staff pages and the API and names the sitemap', async () => {
    const robots = await get('/robots.txt');
    expect(robots.text).toContain('Disallow: /staff/');
    expect(robots.text).toContain('Disallow: /api/');
    expect(robots.text).toContain(`Sitemap: ${server.baseUrl}/sitemap.xml`);
  });

  it('an article page names its canonical address, its feeds, and describes itself as a NewsArticle', async () => {
    expect((await createArticle(server, { slug: 'quay-works', title: 'Quay works </script><b>start' })).status).toBe(201);
    const page = (await get('/articles/quay-works')).text;
    expect(page).toContain('<link rel="canonical" href="/articles/quay-works">');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Comments on Quay works &lt;/script&gt;&lt;b&gt;start" href="/articles/quay-works/comments/feed.xml">');
    const data = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
    expect(data).toMatchObject({ '@type': 'NewsArticle', headline: 'Quay works </script><b>start', author: [{ name: 'Maya Okafor' }], mainEntityOfPage: '/articles/quay-works' });
    // The title's "</script>" cannot end the data block early.
    expect(page).not.toContain('Quay works </script>');
    expect((await get('/')).text).toContain('<link rel="alternate" type="application/atom+xml"');
  });
});
