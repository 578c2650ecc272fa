import type { EventBus } from '../adapters/bus/bus.js';
import type { ArticleRow, AuthorRow, TopicRow } from '../store/articles.js';
import type { Store } from '../store/store.js';
import { renderArticleMarkdown } from '../text/markdown.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';
import { ServiceError, forbidden, invalid, notFound } from './errors.js';
import { mayDo, staffWith, type Actor, type ActorStaff } from './actor.js';
import { normaliseEmail } from './reader-accounts.js';

export interface AuthorLink {
  label: string;
  url: string;
}

export interface NewArticleInput {
  slug: string;
  title: string;
  body: string;
  standfirst?: string;
  /** `email` is never shown: mentions of the author are mailed there. */
  author: { name: string; role?: string; bio?: string; links?: AuthorLink[]; email?: string };
  topics?: string[];
  image?: { url: string; fullUrl?: string; alt?: string; credit?: string };
  publishedAt?: string;
  /** Overrides the site's pre-moderation for this article's discussion. */
  premoderation?: 'none' | 'first' | 'links' | 'all';
}

/** What an article's writer may change after publishing; what is left out stays. */
export interface ArticleChanges {
  /** A new address: the old one then answers 301 to it. */
  slug?: string;
  title?: string;
  standfirst?: string;
  body?: string;
  /** Another byline: the site's author of that name (made if new); a role given replaces theirs. */
  author?: { name: string; role?: string };
  /** Replaces the article's topics. */
  topics?: string[];
}

/** An article as its writer edits it: the Markdown, not the rendered page. */
export interface ArticleSource {
  slug: string;
  title: string;
  standfirst: string;
  body: string;
  author: { name: string; role: string };
  topics: string[];
}

/** One line of the staff's list of articles. */
export interface StaffArticleLine {
  slug: string;
  title: string;
  authorName: string;
  publishedAt: string;
  commentCount: number;
}

export interface Author {
  slug: string;
  name: string;
  role: string;
  bio: string;
  links: AuthorLink[];
}

export interface Topic {
  slug: string;
  name: string;
}

export interface ArticleSummary {
  slug: string;
  title: string;
  standfirst: string;
  imageUrl: string | null;
  imageAlt: string;
  publishedAt: string;
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  imageFullUrl: string | null;
  imageCredit: string;
  author: Author;
  topics: Topic[];
}

export interface ArticlePage {
  article: Article;
  related: ArticleSummary[];
  thread: { key: string; count: number; closed: boolean };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export class ArticleService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  async hasArticles(siteId: string = DEFAULT_SITE_ID): Promise<boolean> {
    return (await this.store.articles.countArticles(siteId)) > 0;
  }

  async latest(siteId: string, limit = 20): Promise<ArticleSummary[]> {
    return (await this.store.articles.latestArticles(siteId, limit)).map(toSummary);
  }

  /** Where an article that used to be at `oldSlug` on this site is now, if one was. */
  movedTo(siteId: string, oldSlug: string): Promise<string | undefined> {
    return this.store.articles.redirectedSlug(siteId, oldSlug);
  }

  /** The article at `slug` on this site; another site's article of the same slug is another article. */
  async page(siteId: string, slug: string): Promise<ArticlePage> {
    const row = await this.store.articles.findArticleBySlug(siteId, slug);
    if (!row) throw notFound('article_not_found', `No article at "${slug}".`);
    const [article, related, thread] = await Promise.all([
      this.assemble(row),
      this.store.articles.relatedArticles(row.id, 4),
      this.store.comments.findThreadByKey(siteId, row.slug),
    ]);
    return {
      article,
      related: related.map(toSummary),
      thread: { key: row.slug, count: thread?.comment_count ?? 0, closed: thread?.closed === 1 },
    };
  }

  /**
   * The articles a writer works on, newest first: an editor's or admin's list is the whole site's,
   * an author's only those they published.
   */
  async staffList(actor: Actor, limit = 200): Promise<StaffArticleLine[]> {
    const writer = staffWith(actor, 'publish');
    const onlyTheirs = mayDo(writer.role, 'editAnyArticle') ? null : (writer.id ?? -1);
    const rows = await this.store.articles.staffArticles(actor.siteId, onlyTheirs, limit);
    return rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      authorName: r.author_name,
      publishedAt: new Date(r.published_at).toISOString(),
      commentCount: Number(r.comment_count),
    }));
  }

  /** The article at `slug` as its writer edits it, if they may change it. */
  async source(slug: string, actor: Actor): Promise<ArticleSource> {
    const writer = staffWith(actor, 'publish');
    const row = await this.store.articles.findArticleBySlug(actor.siteId, slug);
    if (!row) throw notFound('article_not_found', `No article at "${slug}".`);
    assertMayChange(writer, row);
    const [author, topics] = await Promise.all([this.store.articles.findAuthorById(row.author_id), this.store.articles.topicsOf(row.id)]);
    return {
      slug: row.slug,
      title: row.title,
      standfirst: row.standfirst,
      body: row.body_md,
      author: { name: author!.name, role: author!.role },
      topics: topics.map((t) => t.name),
    };
  }

  /** Markdown as the article page will show it, for a writer's preview before saving. */
  preview(markdown: string, actor: Actor): string {
    staffWith(actor, 'publish');
    return renderArticleMarkdown(markdown);
  }

  /**
   * Publishes an article on the site `siteId`; its slug need only be free there. Through the API an
   * author, editor or admin of the site publishes (`actor`), and the article is theirs; scripts
   * (the demo seed) publish as the installation.
   */
  async create(siteId: string, input: NewArticleInput, actor?: Actor): Promise<Article> {
    const writer = actor ? staffWith(actor, 'publish') : null;
    const title = input.title.trim();
    if (!title) throw invalid('title_required', 'title', 'An article needs a title.');
    const slug = input.slug.trim();
    if (!SLUG.test(slug) || slug.length > 120) {
      throw invalid('slug_invalid', 'slug', 'A slug is lowercase letters, digits and single hyphens, such as "harbour-bridge-repairs".');
    }
    if (!input.body.trim()) throw invalid('body_required', 'body', 'An article needs a body.');
    const authorName = input.author.name.trim();
    if (!authorName) throw invalid('author_required', 'author.name', 'An article needs an author name.');
    for (const [i, link] of (input.author.links ?? []).entries()) {
      if (!/^https?:\/\//i.test(link.url)) throw invalid('link_invalid', `author.links[${i}].url`, 'Author links must be http(s) addresses.');
    }
    let publishedAt = this.now();
    if (input.publishedAt) {
      publishedAt = Date.parse(input.publishedAt);
      if (Number.isNaN(publishedAt)) throw invalid('date_invalid', 'publishedAt', 'publishedAt must be an ISO 8601 date.');
    }

    const row = await this.store.transaction(async (tx) => {
      if (await tx.articles.findArticleBySlug(siteId, slug)) {
        throw new ServiceError('conflict', 'slug_taken', `An article already uses the slug "${slug}".`, 'slug');
      }
      if (await tx.comments.findThreadToWrite(siteId, slug)) {
        throw new ServiceError('conflict', 'slug_taken', `A discussion already uses the key "${slug}".`, 'slug');
      }
      const author = await this.upsertAuthor(tx, siteId, input.author);
      const article = await tx.articles.insertArticle({
        site_id: siteId,
        slug,
        title,
        standfirst: input.standfirst?.trim() ?? '',
        body_md: input.body,
        body_html: renderArticleMarkdown(input.body),
        image_url: input.image?.url ?? null,
        image_full_url: input.image?.fullUrl ?? input.image?.url ?? null,
        image_alt: input.image?.alt ?? '',
        image_credit: input.image?.credit ?? '',
        author_id: author.id,
        published_at: publishedAt,
        updated_at: this.now(),
        staff_id: writer?.id ?? null,
      });
      await tx.articles.tagArticle(article.id, await this.topicIds(tx, siteId, input.topics ?? []));
      await tx.comments.insertThread({ site_id: siteId, key: slug, article_id: article.id, title, created_at: this.now(), premoderation: input.premoderation ?? null });
      // The author's followers are mailed after this request, from this durable record.
      await tx.follows.noteArticle(article.id, this.now());
      return article;
    });
    this.bus.publish({ type: 'article.published', siteId, articleSlug: slug });
    return this.assemble(row);
  }

  /** Changes a published article: editors and admins any of the site's, an author only one they published. */
  async update(siteId: string, slug: string, changes: ArticleChanges, actor: Actor): Promise<Article> {
    const writer = staffWith(actor, 'publish');
    const patch: { title?: string; standfirst?: string; body_md?: string; body_html?: string; author_id?: number } = {};
    if (changes.title !== undefined) {
      patch.title = changes.title.trim();
      if (!patch.title) throw invalid('title_required', 'title', 'An article needs a title.');
    }
    if (changes.standfirst !== undefined) patch.standfirst = changes.standfirst.trim();
    if (changes.body !== undefined) {
      if (!changes.body.trim()) throw invalid('body_required', 'body', 'An article needs a body.');
      patch.body_md = changes.body;
      patch.body_html = renderArticleMarkdown(changes.body);
    }
    if (changes.author !== undefined && !changes.author.name.trim()) throw invalid('author_required', 'author.name', 'An article needs an author name.');
    const newSlug = changes.slug?.trim();
    if (newSlug !== undefined && (!SLUG.test(newSlug) || newSlug.length > 120)) {
      throw invalid('slug_invalid', 'slug', 'A slug is lowercase letters, digits and single hyphens, such as "harbour-bridge-repairs".');
    }
    const row = await this.store.transaction(async (tx) => {
      const existing = await tx.articles.findArticleBySlug(siteId, slug);
      if (!existing) throw notFound('article_not_found', `No article at "${slug}".`);
      assertMayChange(writer, existing);
      if (newSlug !== undefined && newSlug !== slug) {
        if ((await tx.articles.findArticleBySlug(siteId, newSlug)) || (await tx.comments.findThreadToWrite(siteId, newSlug))) {
          throw new ServiceError('conflict', 'slug_taken', `An article or discussion already uses the slug "${newSlug}".`, 'slug');
        }
        await tx.articles.moveSlug(siteId, existing.id, slug, newSlug, this.now());
        await tx.comments.rekeyThread(siteId, slug, newSlug);
        await tx.articles.updateArticle(existing.id, { slug: newSlug });
      }
      const key = newSlug ?? slug;
      if (changes.author) patch.author_id = (await this.upsertAuthor(tx, siteId, changes.author)).id;
      if (changes.topics) await tx.articles.retagArticle(existing.id, await this.topicIds(tx, siteId, changes.topics));
      const updated = await tx.articles.updateArticle(existing.id, { ...patch, updated_at: this.now() });
      if (patch.title !== undefined) await tx.comments.renameThread(siteId, key, patch.title);
      return updated;
    });
    this.bus.publish({ type: 'article.changed', siteId, articleSlug: row.slug });
    return this.assemble(row);
  }

  /** The site's topics of these names, made where new. */
  private async topicIds(tx: Store, siteId: string, names: string[]): Promise<number[]> {
    const topics: TopicRow[] = [];
    for (const name of new Set(names.map((t) => t.trim()).filter(Boolean))) {
      const slug = slugify(name);
      if (!slug) throw invalid('topic_invalid', 'topics', `The topic "${name}" needs letters or digits.`);
      topics.push(await tx.articles.findOrCreateTopic(siteId, slug, name));
    }
    return [...new Set(topics.map((t) => t.id))];
  }

  private async upsertAuthor(tx: Store, siteId: string, input: NewArticleInput['author']): Promise<AuthorRow> {
    const slug = slugify(input.name) || 'author';
    const existing = await tx.articles.findAuthorBySlug(siteId, slug);
    const details = {
      name: input.name.trim(),
      role: input.role?.trim() ?? existing?.role ?? '',
      bio: input.bio?.trim() ?? existing?.bio ?? '',
      links: input.links ? JSON.stringify(input.links) : (existing?.links ?? '[]'),
      email: input.email === undefined ? (existing?.email ?? null) : authorEmail(input.email),
    };
    if (existing) return tx.articles.updateAuthor(existing.id, details);
    return tx.articles.insertAuthor({ site_id: siteId, slug, ...details, created_at: this.now() });
  }

  private async assemble(row: ArticleRow): Promise<Article> {
    const [author, topics] = await Promise.all([this.store.articles.findAuthorById(row.author_id), this.store.articles.topicsOf(row.id)]);
    return {
      ...toSummary(row),
      bodyHtml: row.body_html,
      imageFullUrl: row.image_full_url,
      imageCredit: row.image_credit,
      author: {
        slug: author!.slug,
        name: author!.name,
        role: author!.role,
        bio: author!.bio,
        links: JSON.parse(author!.links) as AuthorLink[],
      },
      topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    };
  }
}

/** Editors and admins change any of the site's articles; an author only one they published. */
function assertMayChange(writer: ActorStaff, article: ArticleRow): void {
  if (!mayDo(writer.role, 'editAnyArticle') && (writer.id === null || article.staff_id !== writer.id)) {
    throw forbidden('not_your_article', 'Authors can change only the articles they published; ask an editor.');
  }
}

/** An author's address for mentions; empty clears it. */
function authorEmail(raw: string): string | null {
  if (raw.trim() === '') return null;
  try {
    return normaliseEmail(raw);
  } catch {
    throw invalid('email_invalid', 'author.email', 'The author’s e-mail address does not look right.');
  }
}

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    slug: row.slug,
    title: row.title,
    standfirst: row.standfirst,
    imageUrl: row.image_url,
    imageAlt: row.image_alt,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}
