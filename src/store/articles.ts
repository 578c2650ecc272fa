import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ArticleTable, AuthorTable, Database, TopicTable } from './schema.js';

export type AuthorRow = Selectable<AuthorTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type TopicRow = Selectable<TopicTable>;

export interface NewArticle {
  site_id: string;
  slug: string;
  title: string;
  standfirst: string;
  body_md: string;
  body_html: string;
  image_url: string | null;
  image_full_url: string | null;
  image_alt: string;
  image_credit: string;
  author_id: number;
  published_at: number;
  updated_at: number;
  /** The staff member who published it; null for the admin token and scripts. */
  staff_id?: number | null;
}

/** One line of the staff's list of articles. */
export interface StaffArticleRow {
  slug: string;
  title: string;
  published_at: number;
  staff_id: number | null;
  author_name: string;
  comment_count: number;
}

export class ArticleQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async countArticles(siteId: string): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Only what passages are read from: the rendered body, and when it last changed. */
  articleBody(id: number): Promise<Pick<ArticleRow, 'id' | 'body_html' | 'updated_at'> | undefined> {
    return this.db.selectFrom('articles').select(['id', 'body_html', 'updated_at']).where('id', '=', id).executeTakeFirst();
  }

  findArticleBySlug(siteId: string, slug: string): Promise<ArticleRow | undefined> {
    return this.db.selectFrom('articles').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  }

  latestArticles(siteId: string, limit: number): Promise<ArticleRow[]> {
    return this.db.selectFrom('articles').selectAll().where('site_id', '=', siteId).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** The newest articles of the site, or of one of its topics or authors, with their author's name: for feeds. */
  feedArticles(siteId: string, of: { topicSlug: string } | { authorSlug: string } | null, limit: number): Promise<(ArticleRow & { author_name: string })[]> {
    let query = this.db
      .selectFrom('articles')
      .innerJoin('authors', 'authors.id', 'articles.author_id')
      .selectAll('articles')
      .select('authors.name as author_name')
      .where('articles.site_id', '=', siteId);
    if (of && 'authorSlug' in of) query = query.where('authors.slug', '=', of.authorSlug);
    if (of && 'topicSlug' in of) {
      query = query.where('articles.id', 'in', (eb) =>
        eb.selectFrom('article_topics').innerJoin('topics', 'topics.id', 'article_topics.topic_id').select('article_topics.article_id').where('topics.site_id', '=', siteId).where('topics.slug', '=', of.topicSlug),
      );
    }
    return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  }

  /**
   * The site's articles for the staff list, newest first, with their author's name and their
   * discussion's current comment count; only those `staffId` published when given.
   */
  staffArticles(siteId: string, staffId: number | null, limit: number): Promise<StaffArticleRow[]> {
    let query = this.db
      .selectFrom('articles')
      .innerJoin('authors', 'authors.id', 'articles.author_id')
      .leftJoin('threads', (join) => join.onRef('threads.article_id', '=', 'articles.id').onRef('threads.site_id', '=', 'articles.site_id'))
      .select(['articles.slug', 'articles.title', 'articles.published_at', 'articles.staff_id', 'authors.name as author_name'])
      .select((eb) =>
        eb(
          eb.fn.coalesce('threads.comment_count', sql<number>`0`),
          '+',
          eb.fn.coalesce(
            eb.selectFrom('thread_count_changes').select((inner) => inner.fn.sum<number>('delta').as('pending')).whereRef('thread_count_changes.thread_id', '=', 'threads.id'),
            sql<number>`0`,
          ),
        ).as('comment_count'),
      )
      .where('articles.site_id', '=', siteId);
    if (staffId !== null) query = query.where('articles.staff_id', '=', staffId);
    return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  }

  findTopicBySlug(siteId: string, slug: string): Promise<TopicRow | undefined> {
    return this.db.selectFrom('topics').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  }

  /** Every article's address and last change, for the sitemap. */
  articleAddresses(siteId: string, limit: number): Promise<Pick<ArticleRow, 'slug' | 'updated_at' | 'published_at'>[]> {
    return this.db.selectFrom('articles').select(['slug', 'updated_at', 'published_at']).where('site_id', '=', siteId).orderBy('published_at', 'desc').limit(limit).execute();
  }

  /** Articles sharing at least one topic with the given one, most shared topics first, then newest. */
  relatedArticles(articleId: number, limit: number): Promise<ArticleRow[]> {
    return this.db
      .selectFrom('article_topics as mine')
      .innerJoin('article_topics as theirs', 'theirs.topic_id', 'mine.topic_id')
      .innerJoin('articles', 'articles.id', 'theirs.article_id')
      .where('mine.article_id', '=', articleId)
      .where('theirs.article_id', '!=', articleId)
      .groupBy(['articles.id'])
      .selectAll('articles')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .orderBy('articles.published_at', 'desc')
      .limit(limit)
      .execute();
  }

  async insertArticle(article: NewArticle): Promise<ArticleRow> {
    return this.db.insertInto('articles').values(article).returningAll().executeTakeFirstOrThrow();
  }

  async updateArticle(id: number, patch: Partial<Pick<ArticleRow, 'slug' | 'title' | 'standfirst' | 'body_md' | 'body_html' | 'author_id' | 'updated_at'>>): Promise<ArticleRow> {
    return this.db.updateTable('articles').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** The current slug of the article that had `oldSlug` on this site, if one did. */
  async redirectedSlug(siteId: string, oldSlug: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('article_redirects')
      .innerJoin('articles', 'articles.id', 'article_redirects.article_id')
      .select('articles.slug')
      .where('article_redirects.site_id', '=', siteId)
      .where('article_redirects.old_slug', '=', oldSlug)
      .executeTakeFirst();
    return row?.slug;
  }

  /** `oldSlug` now leads to the article; a slug taken up again stops leading anywhere else. */
  async moveSlug(siteId: string, articleId: number, oldSlug: string, newSlug: string, at: number): Promise<void> {
    await this.db.deleteFrom('article_redirects').where('site_id', '=', siteId).where('old_slug', 'in', [oldSlug, newSlug]).execute();
    await this.db.insertInto('article_redirects').values({ site_id: siteId, old_slug: oldSlug, article_id: articleId, created_at: at }).execute();
  }

  findAuthorBySlug(siteId: string, slug: string): Promise<AuthorRow | undefined> {
    return this.db.selectFrom('authors').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  }

  /** Authors of the site whose name, lower-cased, is one of `lowerNames` (the caller compares again). */
  authorsNamed(siteId: string, lowerNames: string[]): Promise<Pick<AuthorRow, 'id' | 'name'>[]> {
    if (lowerNames.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('authors')
      .select(['id', 'name'])
      .where('site_id', '=', siteId)
      .where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'in', lowerNames), eb('name', 'in', lowerNames)]))
      .limit(200)
      .execute();
  }

  /** The site's authors' names, for mention suggestions. */
  async authorNames(siteId: string, limit: number): Promise<string[]> {
    return (await this.db.selectFrom('authors').select('name').where('site_id', '=', siteId).orderBy('name').limit(limit).execute()).map((r) => r.name);
  }

  findAuthorById(id: number): Promise<AuthorRow | undefined> {
    return this.db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insertAuthor(author: Insertable<AuthorTable>): Promise<AuthorRow> {
    return this.db.insertInto('authors').values(author).returningAll().executeTakeFirstOrThrow();
  }

  updateAuthor(id: number, changes: Partial<Pick<AuthorRow, 'name' | 'role' | 'bio' | 'links' | 'email'>>): Promise<AuthorRow> {
    return this.db.updateTable('authors').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async findOrCreateTopic(siteId: string, slug: string, name: string): Promise<TopicRow> {
    const existing = await this.db.selectFrom('topics').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
    if (existing) return existing;
    return this.db.insertInto('topics').values({ site_id: siteId, slug, name }).returningAll().executeTakeFirstOrThrow();
  }

  async tagArticle(articleId: number, topicIds: number[]): Promise<void> {
    if (topicIds.length === 0) return;
    await this.db.insertInto('article_topics').values(topicIds.map((topic_id) => ({ article_id: articleId, topic_id }))).execute();
  }

  /** Replaces the article's topics with these. */
  async retagArticle(articleId: number, topicIds: number[]): Promise<void> {
    await this.db.deleteFrom('article_topics').where('article_id', '=', articleId).execute();
    await this.tagArticle(articleId, topicIds);
  }

  topicsOf(articleId: number): Promise<TopicRow[]> {
    return this.db
      .selectFrom('topics')
      .innerJoin('article_topics', 'article_topics.topic_id', 'topics.id')
      .where('article_topics.article_id', '=', articleId)
      .selectAll('topics')
      .orderBy('topics.name')
      .execute();
  }
}
