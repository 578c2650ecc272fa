import type { SiteSettings } from '../../config.js';
import type { ArticleSummary } from '../../services/articles.js';
import { dateTag, html, safeUrl, type SafeHtml } from './html.js';
import { renderLayout } from './layout.js';

export interface HomePageInput {
  site: SiteSettings;
  articles: ArticleSummary[];
}

export function articleUrl(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

function teaser(article: ArticleSummary, lead: boolean): SafeHtml {
  const href = articleUrl(article.slug);
  // The image repeats the title link; hiding it from the tab order and screen readers avoids saying it twice.
  const image = article.imageUrl
    ? html`<a class="teaser__image" href="${href}" tabindex="-1" aria-hidden="true"><img src="${safeUrl(article.imageUrl)}" alt="${article.imageAlt}" width="1200" height="630" loading="${lead ? 'eager' : 'lazy'}"></a>`
    : null;
  return html`<article class="teaser${lead ? ' teaser--lead' : ''}">
  ${image}
  <div class="teaser__text">
    <h2 class="teaser__title"><a href="${href}">${article.title}</a></h2>
    ${article.standfirst ? html`<p class="teaser__standfirst">${article.standfirst}</p>` : null}
    <p class="teaser__date">${dateTag(article.publishedAt)}</p>
  </div>
</article>`;
}

export function renderHomePage({ site, articles }: HomePageInput): string {
  const body = html`<section class="home" aria-labelledby="home-heading">
  <h1 id="home-heading" class="home__heading">Latest news</h1>
  ${articles.length === 0
    ? html`<p class="home__empty">Nothing has been published yet.</p>`
    : html`<div class="teasers">${articles.map((article, i) => teaser(article, i === 0))}</div>`}
</section>`;
  const head = html`<link rel="alternate" type="application/atom+xml" title="${site.name}" href="/feed.xml">`.toString();
  return renderLayout({ site, title: site.name, description: site.tagline, body: body.toString(), head });
}
