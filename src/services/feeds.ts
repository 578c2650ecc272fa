import type { Store } from '../store/store.js';
import { notFound } from './errors.js';

/** One item of a feed; paths are the site's own, made absolute by whoever writes the feed. */
export interface FeedEntry {
  /** Where the item is read; also its lasting id. */
  path: string;
  title: string;
  author: string;
  publishedAt: number;
  updatedAt: number;
  /** Plain text: an article's standfirst. */
  summary?: string;
  /** Sanitised HTML: a comment's text, as the page shows it. */
  html?: string;
}

export interface Feed {
  title: string;
  /** The page the feed follows. */
  path: string;
  updatedAt: number;
  entries: FeedEntry[];
}

/** One address of the sitemap. */
export interface SitemapAddress {
  path: string;
  updatedAt: number;
}

const ARTICLES_PER_FEED = 30;
const COMMENTS_PER_FEED = 50;
/** One sitemap file holds at most 50,000 addresses (sitemaps.org). */
const SITEMAP_LIMIT = 49_999;

const articlePath = (slug: string) => `/articles/${slug}`;

/**
 * What a feed reader or a search engine is offered: the site's newest articles, a topic's or an
 * author's, an article's newest comments, and every article's address for the sitemap.
 */
export class FeedService {
  constructor(private readonly store: Store) {}

  async articles(siteId: string, siteName: string, of: { topicSlug: string } | { authorSlug: string } | null): Promise<Feed> {
    let title = siteName;
    if (of && 'topicSlug' in of) {
      const topic = await this.store.articles.findTopicBySlug(siteId, of.topicSlug);
      if (!topic) throw notFound('topic_not_found', `No topic "${of.topicSlug}" on this site.`);
      title = `${topic.name} · ${siteName}`;
    } else if (of) {
      const author = await this.store.articles.findAuthorBySlug(siteId, of.authorSlug);
      if (!author) throw notFound('author_not_found', `No author "${of.authorSlug}" on this site.`);
      title = `${author.name} · ${siteName}`;
    }
    const rows = await this.store.articles.feedArticles(siteId, of, ARTICLES_PER_FEED);
    const entries = rows.map((row) => ({
      path: articlePath(row.slug),
      title: row.title,
      author: row.author_name,
      publishedAt: row.published_at,
      updatedAt: Math.max(row.published_at, row.updated_at),
      summary: row.standfirst,
    }));
    return { title, path: '/', updatedAt: newest(entries), entries };
  }

  async comments(siteId: string, articleSlug: string): Promise<Feed> {
    const [article, thread] = await Promise.all([this.store.articles.findArticleBySlug(siteId, articleSlug), this.store.comments.findThreadByKey(siteId, articleSlug)]);
    if (!article) throw notFound('article_not_found', `No article at "${articleSlug}".`);
    const rows = thread ? await this.store.comments.newestPublished(thread.id, COMMENTS_PER_FEED) : [];
    const entries = rows.map((row) => ({
      path: `/comments/${row.id}`,
      title: `${row.author_name} on “${article.title}”`,
      author: row.author_name,
      publishedAt: row.created_at,
      updatedAt: row.edited_at ?? row.created_at,
      html: row.body_html,
    }));
    return { title: `Comments on “${article.title}”`, path: articlePath(article.slug), updatedAt: Math.max(newest(entries), article.published_at), entries };
  }

  async sitemap(siteId: string): Promise<SitemapAddress[]> {
    const rows = await this.store.articles.articleAddresses(siteId, SITEMAP_LIMIT);
    // Newest first: the home page changed when the newest article appeared.
    const home = { path: '/', updatedAt: rows[0]?.published_at ?? 0 };
    return [home, ...rows.map((r) => ({ path: articlePath(r.slug), updatedAt: Math.max(r.published_at, r.updated_at) }))];
  }
}

function newest(entries: FeedEntry[]): number {
  return entries.reduce((latest, e) => Math.max(latest, e.updatedAt), 0);
}
