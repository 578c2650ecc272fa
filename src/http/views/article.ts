import type { SiteSettings } from '../../config.js';
import type { Article, ArticlePage, ArticleSummary } from '../../services/articles.js';
import { dateTag, html, joinWithAnd, raw, safeUrl, type SafeHtml } from './html.js';
import { articleUrl } from './home.js';
import { renderLayout } from './layout.js';

export interface ArticlePageInput {
  site: SiteSettings;
  page: ArticlePage;
  /** The discussion section, rendered and sanitised by the discussion view; inserted verbatim. */
  discussionHtml: string;
  /** The reader-funding meter, once for above the article and once for below it (views/meter.ts). */
  meters?: { top: SafeHtml; bottom: SafeHtml } | null;
}

/**
 * Where the reader-funding meter goes, above and below the article. Empty when the site runs no
 * campaign; the stylesheet hides it while empty so it takes no space.
 */
const meterSlot = (meter: SafeHtml | null | undefined) => html`<div class="funding-meter-slot">${meter ?? null}</div>`;

function featuredImage(article: Article): SafeHtml | null {
  if (!article.imageUrl) return null;
  const full = safeUrl(article.imageFullUrl ?? article.imageUrl);
  return html`<figure class="article-image">
  <a class="article-image__link" href="${full}">
    <img src="${safeUrl(article.imageUrl)}" alt="${article.imageAlt}" width="1200" height="630">
    <span class="article-image__hint">Click to see the full-size image</span>
  </a>
  ${article.imageCredit ? html`<figcaption class="article-image__credit">${article.imageCredit}</figcaption>` : null}
</figure>`;
}

function byline(article: Article): SafeHtml {
  const { name, role } = article.author;
  return html`<p class="byline">Written by <span class="byline__name">${name}</span>${role ? html`, <span class="byline__role">${role}</span>` : null}
  <span class="byline__date">· ${dateTag(article.publishedAt)}</span></p>`;
}

function authorCard(article: Article): SafeHtml {
  const { name, bio, links, slug } = article.author;
  const usable = links.filter((link) => link.label.trim() && safeUrl(link.url) !== '#');
  const linkTags = usable.map((link) => html`<a href="${safeUrl(link.url)}" rel="me noopener">${link.label}</a>`);
  // A plain form: the page is the same for every reader, so who is signed in is settled where it posts.
  return html`<aside class="author-card" id="author" aria-label="About the author">
  ${bio ? html`<p class="author-card__bio">${bio}</p>` : null}
  ${usable.length > 0 ? html`<p class="author-card__follow">You can follow ${name} on ${joinWithAnd(linkTags)}.</p>` : null}
  <form class="follow-form" method="post" action="/authors/${encodeURIComponent(slug)}/follow">
    <input type="hidden" name="returnTo" value="${articleUrl(article.slug)}#author">
    <button type="submit">Follow ${name}</button>
    <span class="follow-form__hint">An e-mail when ${name} publishes; you need to be signed in, and every mail has a link to stop.</span>
  </form>
</aside>`;
}

function related(articles: ArticleSummary[]): SafeHtml | null {
  if (articles.length === 0) return null;
  return html`<nav class="related" aria-labelledby="related-heading">
  <h2 id="related-heading" class="related__heading">More on the topic</h2>
  <ul class="related__list">
    ${articles.map((a) => html`<li><a href="${articleUrl(a.slug)}">${a.title}</a></li>`)}
  </ul>
</nav>`;
}

/** Structured data for search engines (schema.org NewsArticle); `<` is escaped so no text can end the script. */
function structuredData(site: SiteSettings, article: Article): SafeHtml {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    ...(article.standfirst ? { description: article.standfirst } : {}),
    datePublished: article.publishedAt,
    author: [{ '@type': 'Person', name: article.author.name }],
    publisher: { '@type': 'Organization', name: site.name },
    ...(article.imageUrl ? { image: [safeUrl(article.imageUrl)] } : {}),
    mainEntityOfPage: articleUrl(article.slug),
  };
  return raw(`<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
}

function openGraph(site: SiteSettings, article: Article): SafeHtml {
  return html`<link rel="canonical" href="${articleUrl(article.slug)}">
<link rel="alternate" type="application/atom+xml" title="${site.name}" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Comments on ${article.title}" href="${articleUrl(article.slug)}/comments/feed.xml">
<meta property="og:type" content="article">
<meta property="og:url" content="${articleUrl(article.slug)}">
<meta property="article:published_time" content="${article.publishedAt}">
<meta name="twitter:card" content="${article.imageUrl ? 'summary_large_image' : 'summary'}">
${structuredData(site, article)}
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${article.title}">
${article.standfirst ? html`<meta property="og:description" content="${article.standfirst}">` : null}
${article.imageUrl ? html`<meta property="og:image" content="${safeUrl(article.imageUrl)}">` : null}`;
}

export function renderArticlePage({ site, page, discussionHtml, meters }: ArticlePageInput): string {
  const { article } = page;
  const body = html`${meterSlot(meters?.top)}
<article class="article">
  <header class="article-header">
    <h1 class="article-title">${article.title}</h1>
    ${article.standfirst ? html`<p class="article-standfirst">${article.standfirst}</p>` : null}
  </header>
  ${featuredImage(article)}
  ${byline(article)}
  <div class="article-body">
${raw(article.bodyHtml)}
  </div>
  ${authorCard(article)}
  ${related(page.related)}
</article>
${meterSlot(meters?.bottom)}
${raw(discussionHtml)}`;
  return renderLayout({
    site,
    title: article.title,
    description: article.standfirst || undefined,
    body: body.toString(),
    head: openGraph(site, article).toString(),
  });
}
