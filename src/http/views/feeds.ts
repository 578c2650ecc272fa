import type { Feed, FeedEntry, SitemapAddress } from '../../services/feeds.js';
import { escapeHtml } from './html.js';

// XML 1.0 refuses these characters even escaped; a feed reader would reject the whole feed.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text for an XML element or attribute. */
const text = (value: string) => escapeHtml(value.replace(NOT_XML, ''));
const time = (ms: number) => new Date(ms).toISOString();

/**
 * An Atom feed (RFC 4287). `origin` makes the site's paths absolute: feed readers fetch from
 * elsewhere. Entry ids are their permanent addresses.
 */
export function renderAtomFeed(feed: Feed, origin: string, selfPath: string): string {
  const entry = (e: FeedEntry) => `  <entry>
    <id>${text(origin + e.path)}</id>
    <title>${text(e.title)}</title>
    <link rel="alternate" type="text/html" href="${text(origin + e.path)}"/>
    <author><name>${text(e.author)}</name></author>
    <published>${time(e.publishedAt)}</published>
    <updated>${time(e.updatedAt)}</updated>
${e.summary ? `    <summary>${text(e.summary)}</summary>\n` : ''}${e.html !== undefined ? `    <content type="html">${text(e.html)}</content>\n` : ''}  </entry>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${text(origin + selfPath)}</id>
  <title>${text(feed.title)}</title>
  <link rel="self" type="application/atom+xml" href="${text(origin + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${text(origin + feed.path)}"/>
  <updated>${time(feed.updatedAt)}</updated>
  <generator>Tribune</generator>
${feed.entries.map(entry).join('\n')}
</feed>
`;
}

/** A sitemap (sitemaps.org protocol 0.9). */
export function renderSitemap(addresses: SitemapAddress[], origin: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${addresses.map((a) => `  <url><loc>${text(origin + a.path)}</loc>${a.updatedAt > 0 ? `<lastmod>${time(a.updatedAt)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}
