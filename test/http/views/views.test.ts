import { describe, expect, it } from 'vitest';
import type { ArticlePage, ArticleSummary } from '../../../src/services/articles.js';
import { renderArticlePage } from '../../../src/http/views/article.js';
import { renderErrorPage } from '../../../src/http/views/error.js';
import { renderHomePage } from '../../../src/http/views/home.js';
import { escapeHtml, html, joinWithAnd, raw, safeUrl } from '../../../src/http/views/html.js';
import { renderLayout } from '../../../src/http/views/layout.js';

const site = { name: 'The Harbour <Gazette>', tagline: 'News & "views"' };
const hostile = '<script>alert("x")</script> & \'quoted\'';

function summary(slug: string, title: string): ArticleSummary {
  return { slug, title, standfirst: `About ${title}`, imageUrl: `/static/demo/${slug}.svg`, imageAlt: `Picture of ${title}`, publishedAt: '2025-06-10T08:00:00.000Z' };
}

function articlePage(overrides: Partial<ArticlePage['article']> = {}, related: ArticleSummary[] = [summary('ferry', 'Extra ferries')]): ArticlePage {
  return {
    article: {
      ...summary('bridge', 'Harbour bridge repairs approved'),
      imageFullUrl: '/static/demo/bridge-full.svg',
      imageCredit: 'Illustration: Tribune demo',
      bodyHtml: '<p>The council voted <em>23 to 9</em>.</p>',
      author: {
        slug: 'maya-okafor',
        name: 'Maya Okafor',
        role: 'city hall reporter, covers budgets and planning',
        bio: 'Reads every budget annex.',
        links: [
          { label: 'X', url: 'https://x.com/maya' },
          { label: 'Telegram', url: 'https://t.me/maya' },
        ],
      },
      topics: [{ slug: 'city-hall', name: 'City hall' }],
      ...overrides,
    },
    related,
    thread: { key: 'bridge', count: 0, closed: false },
  };
}

const discussionHtml = '<section id="comments"><h2>3 Comments</h2><p>raw <b>discussion</b></p></section>';

/** Position of each marker in the page; fails when one is missing. */
function positions(page: string, markers: string[]): number[] {
  return markers.map((marker) => {
    const at = page.indexOf(marker);
    expect(at, marker).toBeGreaterThanOrEqual(0);
    return at;
  });
}

describe('html template', () => {
  it('escapes interpolated text and keeps marked markup', () => {
    expect(html`<p title="${hostile}">${hostile}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>',
    );
    expect(html`<div>${raw('<b>ok</b>')}${['<i>', html`<u>${'&'}</u>`]}${null}${undefined}${false}${0}</div>`.toString()).toBe(
      '<div><b>ok</b>&lt;i&gt;<u>&amp;</u>0</div>',
    );
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  it('only lets safe link targets through', () => {
    expect(safeUrl('https://x.com/a')).toBe('https://x.com/a');
    expect(safeUrl('/articles/a')).toBe('/articles/a');
    expect(safeUrl('javascript:alert(1)')).toBe('#');
    expect(safeUrl(' JavaScript:alert(1)')).toBe('#');
    expect(safeUrl('//evil.example/x')).toBe('#');
    expect(safeUrl('data:text/html,hi')).toBe('#');
    expect(safeUrl(null)).toBe('#');
  });

  it('joins lists the way the sentence is read', () => {
    const parts = ['X', 'Telegram', 'Mastodon'].map((p) => html`<a>${p}</a>`);
    expect(joinWithAnd(parts.slice(0, 1)).toString()).toBe('<a>X</a>');
    expect(joinWithAnd(parts.slice(0, 2)).toString()).toBe('<a>X</a> and <a>Telegram</a>');
    expect(joinWithAnd(parts).toString()).toBe('<a>X</a>, <a>Telegram</a> and <a>Mastodon</a>');
  });
});

describe('renderLayout', () => {
  it('is a full document with the site frame, styles and the discussion script', () => {
    const page = renderLayout({ site, title: hostile, description: hostile, body: '<p id="body">Hi</p>' });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<link rel="stylesheet" href="/static/site.css">');
    expect(page).toContain('<link rel="stylesheet" href="/assets/discussion.css">');
    expect(page).toContain('<script type="module" src="/assets/discussion.js"></script>');
    expect(page).toContain('<a class="site-name" href="/">The Harbour &lt;Gazette&gt;</a>');
    expect(page).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; · The Harbour &lt;Gazette&gt;</title>');
    expect(page).toContain('<meta name="description" content="&lt;script&gt;');
    expect(page).toContain('<p id="body">Hi</p>');
    expect(page).toContain('<footer');
    expect(page).not.toContain('<script>alert');
  });
});

describe('renderHomePage', () => {
  it('lists the articles with image, title link, standfirst and date, escaped', () => {
    const page = renderHomePage({ site, articles: [summary('bridge', hostile), summary('lake', 'Lake study')] });
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('href="/articles/bridge">&lt;script&gt;');
    expect(page).toContain('<img src="/static/demo/lake.svg" alt="Picture of Lake study"');
    expect(page).toContain('<a href="/articles/lake">Lake study</a>');
    expect(page).toContain('About Lake study');
    expect(page).toContain('<time datetime="2025-06-10T08:00:00.000Z">10 June 2025</time>');
    const [bridge, lake] = positions(page, ['/articles/bridge', '/articles/lake']);
    expect(bridge).toBeLessThan(lake!);
  });

  it('says so when nothing is published', () => {
    expect(renderHomePage({ site, articles: [] })).toContain('Nothing has been published yet.');
  });
});

describe('renderArticlePage', () => {
  it('shows the parts in the order of the design', () => {
    const page = renderArticlePage({ site, page: articlePage(), discussionHtml });
    const order = positions(page, [
      '<div class="funding-meter-slot"></div>',
      '<h1 class="article-title">Harbour bridge repairs approved</h1>',
      'Click to see the full-size image',
      'Written by',
      '<p>The council voted <em>23 to 9</em>.</p>',
      'You can follow',
      'More on the topic',
      discussionHtml,
    ]);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The second meter slot sits between the article and the discussion.
    const second = page.indexOf('<div class="funding-meter-slot"></div>', order[0]! + 1);
    expect(second).toBeGreaterThan(order[6]!);
    expect(second).toBeLessThan(order[7]!);
    expect(page.split('funding-meter-slot').length - 1).toBe(2);
  });

  it('links the featured image to its full-size file, with the hint and the credit', () => {
    const page = renderArticlePage({ site, page: articlePage(), discussionHtml });
    expect(page).toMatch(
      /<a class="article-image__link" href="\/static\/demo\/bridge-full\.svg">\s*<img src="\/static\/demo\/bridge\.svg" alt="Picture of Harbour bridge repairs approved"[^>]*>\s*<span[^>]*>Click to see the full-size image<\/span>\s*<\/a>/,
    );
    expect(page).toContain('Illustration: Tribune demo');
  });

  it('omits the figure when the article has no image', () => {
    const page = renderArticlePage({ site, page: articlePage({ imageUrl: null, imageFullUrl: null }), discussionHtml });
    expect(page).not.toContain('Click to see the full-size image');
    expect(page).not.toContain('<figure');
  });

  it('writes the byline and the follow sentence from the author', () => {
    const page = renderArticlePage({ site, page: articlePage(), discussionHtml });
    const text = page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('Written by Maya Okafor, city hall reporter, covers budgets and planning');
    expect(text).toContain('You can follow Maya Okafor on X and Telegram.');
    expect(page).toContain('<a href="https://x.com/maya" rel="me noopener">X</a> and <a href="https://t.me/maya" rel="me noopener">Telegram</a>');
    expect(page).toContain('Reads every budget annex.');
  });

  it('leaves out the follow sentence without links, and drops unsafe ones', () => {
    const none = renderArticlePage({ site, page: articlePage({ author: { ...articlePage().article.author, links: [] } }), discussionHtml });
    expect(none).not.toContain('You can follow');
    const unsafe = renderArticlePage({
      site,
      page: articlePage({ author: { ...articlePage().article.author, links: [{ label: 'Evil', url: 'javascript:alert(1)' }, { label: 'Mastodon', url: 'https://mastodon.social/@m' }] } }),
      discussionHtml,
    });
    expect(unsafe).not.toContain('javascript:');
    expect(unsafe.replace(/<[^>]+>/g, '')).toContain('You can follow Maya Okafor on Mastodon.');
  });

  it('links related articles, and omits the section when there are none', () => {
    const page = renderArticlePage({ site, page: articlePage({}, [summary('ferry', 'Extra ferries'), summary('lake', hostile)]), discussionHtml });
    expect(page).toContain('<a href="/articles/ferry">Extra ferries</a>');
    expect(page).toContain('<a href="/articles/lake">&lt;script&gt;');
    const alone = renderArticlePage({ site, page: articlePage({}, []), discussionHtml });
    expect(alone).not.toContain('More on the topic');
  });

  it('escapes every hostile text value but keeps the sanitised body and discussion as they are', () => {
    const page = renderArticlePage({
      site,
      page: articlePage({
        title: hostile,
        standfirst: hostile,
        imageAlt: hostile,
        imageCredit: hostile,
        author: { slug: 'x', name: `<img src=x onerror=alert(1)>`, role: hostile, bio: hostile, links: [{ label: hostile, url: 'https://x.com/"onmouseover="alert(1)' }] },
      }),
      discussionHtml,
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('"onmouseover="');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('<p>The council voted <em>23 to 9</em>.</p>');
    expect(page).toContain(discussionHtml);
  });
});

describe('renderErrorPage', () => {
  it('shows the status, title and message, escaped', () => {
    const page = renderErrorPage({ site, status: 404, title: 'Page not found', message: hostile });
    expect(page).toContain('Error 404');
    expect(page).toContain('<h1 class="error-page__title">Page not found</h1>');
    expect(page).toContain('&lt;script&gt;alert');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('href="/"');
  });
});
