import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Dialect } from './db.js';
import type { ArticleNotificationTable, Database, FollowTable } from './schema.js';

export type FollowRow = Selectable<FollowTable>;
export type ArticleNotificationRow = Selectable<ArticleNotificationTable>;
export type FollowTarget = { kind: 'author'; id: number } | { kind: 'commenter'; id: number };

/** A follow with the name of whom it follows, for the follower's settings page. */
export interface FollowListRow extends FollowRow {
  name: string;
}

/** Whom a mail about a follow or a mention goes to. */
export interface FollowerRow extends FollowRow {
  follower_email: string;
}

/** A reader's or an author's address and mention settings. */
export interface MentionRecipientRow {
  id: number;
  email: string | null;
  mention_delivery: 'now' | 'daily' | 'off';
  mention_token: string | null;
}

/** Readers following authors and commenters, mention settings, and what waits for their mails. */
export class FollowQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  find(followerId: number, target: FollowTarget): Promise<FollowRow | undefined> {
    return this.db
      .selectFrom('follows')
      .selectAll()
      .where('follower_id', '=', followerId)
      .where(target.kind === 'author' ? 'author_id' : 'commenter_id', '=', target.id)
      .executeTakeFirst();
  }

  findById(id: number): Promise<FollowRow | undefined> {
    return this.db.selectFrom('follows').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByToken(token: string): Promise<FollowRow | undefined> {
    return this.db.selectFrom('follows').selectAll().where('token', '=', token).executeTakeFirst();
  }

  insert(row: Insertable<FollowTable>): Promise<FollowRow> {
    return this.db.insertInto('follows').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, changes: Partial<Pick<FollowRow, 'delivery' | 'origin' | 'last_digest_at'>>): Promise<FollowRow> {
    return this.db.updateTable('follows').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Ends a follow; true when there was one. */
  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('follows').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A commenter stopped allowing followers: their followers follow them no more. */
  async deleteFollowersOf(commenterId: number): Promise<void> {
    await this.db.deleteFrom('follows').where('commenter_id', '=', commenterId).execute();
  }

  /** Whom the reader follows, authors first, each with their name as shown now. */
  async listFor(followerId: number): Promise<FollowListRow[]> {
    const [authors, commenters] = await Promise.all([
      this.db.selectFrom('follows').innerJoin('authors', 'authors.id', 'follows.author_id').selectAll('follows').select('authors.name').where('follows.follower_id', '=', followerId).orderBy('authors.name').execute(),
      this.db
        .selectFrom('follows')
        .innerJoin('reader_accounts', 'reader_accounts.id', 'follows.commenter_id')
        .selectAll('follows')
        .select('reader_accounts.name')
        .where('follows.follower_id', '=', followerId)
        .where('reader_accounts.deleted_at', 'is', null)
        .orderBy('reader_accounts.name')
        .execute(),
    ]);
    return [...authors, ...commenters];
  }

  /** The follows of an author or commenter whose follower can be mailed: a live account with an address. */
  /** Who followed `target` by the moment `at`: a reader who follows later is not told about what came before. */
  followersOf(target: FollowTarget, at: number): Promise<FollowerRow[]> {
    return this.db
      .selectFrom('follows')
      .innerJoin('reader_accounts', 'reader_accounts.id', 'follows.follower_id')
      .selectAll('follows')
      .select('reader_accounts.email as follower_email')
      .where(target.kind === 'author' ? 'follows.author_id' : 'follows.commenter_id', '=', target.id)
      .where('reader_accounts.deleted_at', 'is', null)
      .where('reader_accounts.email', 'is not', null)
      .where('follows.created_at', '<=', at)
      .orderBy('follows.id')
      .execute() as Promise<FollowerRow[]>;
  }

  async addDigestItem(followId: number, item: { commentId: number } | { articleId: number }, now: number): Promise<void> {
    await this.db
      .insertInto('follow_digest_items')
      .values({ follow_id: followId, comment_id: 'commentId' in item ? item.commentId : null, article_id: 'articleId' in item ? item.articleId : null, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Daily follows with something waiting whose last digest went out before `before`. */
  digestsDue(before: number, limit: number): Promise<FollowRow[]> {
    return this.db
      .selectFrom('follows')
      .selectAll()
      .where('delivery', '=', 'daily')
      .where('last_digest_at', '<=', before)
      .where((eb) => eb.exists(eb.selectFrom('follow_digest_items').select('follow_digest_items.id').whereRef('follow_digest_items.follow_id', '=', 'follows.id')))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Locks the follow for its digest (PostgreSQL); undefined when it ended meanwhile. */
  lock(id: number): Promise<FollowRow | undefined> {
    return this.db
      .selectFrom('follows')
      .selectAll()
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  }

  /** The follow's digest items, oldest first, taken out of the table. */
  async takeDigestItems(followId: number): Promise<{ commentId: number | null; articleId: number | null }[]> {
    const rows = await this.db.deleteFrom('follow_digest_items').where('follow_id', '=', followId).returning(['id', 'comment_id', 'article_id']).execute();
    return rows.sort((a, b) => a.id - b.id).map((r) => ({ commentId: r.comment_id, articleId: r.article_id }));
  }

  /** The site's authors, by name, for the settings page's "follow an author". */
  authorsOfSite(siteId: string): Promise<{ slug: string; name: string }[]> {
    return this.db.selectFrom('authors').select(['slug', 'name']).where('site_id', '=', siteId).orderBy('name').limit(500).execute();
  }

  // Mentions ---------------------------------------------------------------------------------

  /** The live reader accounts among `ids`, with their address and mention settings. */
  readersToMention(ids: number[]): Promise<MentionRecipientRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('reader_accounts')
      .select(['id', 'email', 'mention_delivery', 'mention_token'])
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
  }

  authorsToMention(ids: number[]): Promise<MentionRecipientRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('authors').select(['id', 'email', 'mention_delivery', 'mention_token']).where('id', 'in', ids).execute();
  }

  /** Gives a reader's or an author's mention mails their unsubscribe token, unless they have one. */
  async setMentionToken(who: 'reader' | 'author', id: number, token: string): Promise<string> {
    const table = who === 'reader' ? 'reader_accounts' : 'authors';
    await this.db.updateTable(table).set({ mention_token: token }).where('id', '=', id).where('mention_token', 'is', null).execute();
    const row = await this.db.selectFrom(table).select('mention_token').where('id', '=', id).executeTakeFirstOrThrow();
    return row.mention_token!;
  }

  findMentionToken(token: string): Promise<{ who: 'reader' | 'author'; id: number; email: string | null; mention_delivery: string } | undefined> {
    return this.db
      .selectFrom('reader_accounts')
      .select(['id', 'email', 'mention_delivery'])
      .where('mention_token', '=', token)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
      .then(async (reader) => {
        if (reader) return { who: 'reader' as const, ...reader };
        const author = await this.db.selectFrom('authors').select(['id', 'email', 'mention_delivery']).where('mention_token', '=', token).executeTakeFirst();
        return author ? { who: 'author' as const, ...author } : undefined;
      });
  }

  async stopMentions(who: 'reader' | 'author', id: number): Promise<void> {
    if (who === 'reader') await this.db.updateTable('reader_accounts').set({ mention_delivery: 'off' }).where('id', '=', id).execute();
    else await this.db.updateTable('authors').set({ mention_delivery: 'off' }).where('id', '=', id).execute();
  }

  /** The reader's own notification settings. */
  readerSettings(accountId: number): Promise<{ allow_followers: number; mention_delivery: 'now' | 'daily' | 'off' } | undefined> {
    return this.db.selectFrom('reader_accounts').select(['allow_followers', 'mention_delivery']).where('id', '=', accountId).executeTakeFirst();
  }

  async updateReaderSettings(accountId: number, changes: { allow_followers?: number; mention_delivery?: 'now' | 'daily' | 'off'; mention_digest_at?: number }): Promise<void> {
    await this.db.updateTable('reader_accounts').set(changes).where('id', '=', accountId).execute();
  }

  /** Whether the reader lets others follow their comments (and is a live account). */
  async allowsFollowers(accountId: number): Promise<boolean> {
    const row = await this.db.selectFrom('reader_accounts').select('allow_followers').where('id', '=', accountId).where('deleted_at', 'is', null).executeTakeFirst();
    return row?.allow_followers === 1;
  }

  async addMentionDigestItem(accountId: number, commentId: number, now: number): Promise<void> {
    await this.db
      .insertInto('mention_digest_items')
      .values({ account_id: accountId, comment_id: commentId, created_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'comment_id']).doNothing())
      .execute();
  }

  /** Readers on a daily mentions digest with something waiting whose last one went out before `before`. */
  mentionDigestsDue(before: number, limit: number): Promise<{ id: number }[]> {
    return this.db
      .selectFrom('reader_accounts')
      .select('id')
      .where('mention_delivery', '=', 'daily')
      .where((eb) => eb.or([eb('mention_digest_at', 'is', null), eb('mention_digest_at', '<=', before)]))
      .where((eb) => eb.exists(eb.selectFrom('mention_digest_items').select('mention_digest_items.id').whereRef('mention_digest_items.account_id', '=', 'reader_accounts.id')))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Locks the reader's row for their mentions digest (PostgreSQL). */
  lockMentionDigest(accountId: number): Promise<(MentionRecipientRow & { site_id: string; mention_digest_at: number | null; deleted_at: number | null }) | undefined> {
    return this.db
      .selectFrom('reader_accounts')
      .select(['id', 'site_id', 'email', 'mention_delivery', 'mention_token', 'mention_digest_at', 'deleted_at'])
      .where('id', '=', accountId)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  }

  async takeMentionDigestItems(accountId: number): Promise<number[]> {
    const rows = await this.db.deleteFrom('mention_digest_items').where('account_id', '=', accountId).returning(['id', 'comment_id']).execute();
    return rows.sort((a, b) => a.id - b.id).map((r) => r.comment_id);
  }

  // New articles -----------------------------------------------------------------------------

  /** Written in the transaction that publishes the article. */
  async noteArticle(articleId: number, now: number): Promise<void> {
    await this.db.insertInto('article_notifications').values({ article_id: articleId, created_at: now, processed_at: null }).onConflict((oc) => oc.column('article_id').doNothing()).execute();
  }

  dueArticles(limit: number): Promise<ArticleNotificationRow[]> {
    return this.db.selectFrom('article_notifications').selectAll().where('processed_at', 'is', null).orderBy('id').limit(limit).execute();
  }

  /** The article and its author's name, for the mail to the author's followers. */
  articleWithAuthor(articleId: number): Promise<(Selectable<Database['articles']> & { author_name: string }) | undefined> {
    return this.db
      .selectFrom('articles')
      .innerJoin('authors', 'authors.id', 'articles.author_id')
      .selectAll('articles')
      .select('authors.name as author_name')
      .where('articles.id', '=', articleId)
      .executeTakeFirst();
  }

  /** Takes one article's notification for this transaction; false when another worker took it first. */
  async claimArticle(id: number, now: number): Promise<boolean> {
    const result = await this.db.updateTable('article_notifications').set({ processed_at: now }).where('id', '=', id).where('processed_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
