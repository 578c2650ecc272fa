import type { Kysely } from 'kysely';
import type { CommentStatus, Database } from './schema.js';

export interface OwnCommentRow {
  id: number;
  parent_id: number | null;
  status: CommentStatus;
  body_md: string;
  body_html: string;
  created_at: number;
  edited_at: number | null;
  up: number;
  down: number;
  thread_key: string;
  thread_title: string;
  article_id: number | null;
}

/** What a signed-in reader has on a site: their comments, votes and guest comments to claim; and forgetting them. */
export class ReaderContentQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** The account's comments, newest first, before the comment id `before` when paging. Deleted ones have nothing left to show. */
  commentsOf(accountId: number, options: { before?: number; limit?: number } = {}): Promise<OwnCommentRow[]> {
    let query = this.ownComments(accountId).where('comments.status', '!=', 'deleted');
    if (options.before !== undefined) query = query.where('comments.id', '<', options.before);
    if (options.limit !== undefined) query = query.limit(options.limit);
    return query.execute();
  }

  private ownComments(accountId: number) {
    return this.db
      .selectFrom('comments')
      .innerJoin('threads', 'threads.id', 'comments.thread_id')
      .select([
        'comments.id',
        'comments.parent_id',
        'comments.status',
        'comments.body_md',
        'comments.body_html',
        'comments.created_at',
        'comments.edited_at',
        'comments.up',
        'comments.down',
        'threads.key as thread_key',
        'threads.title as thread_title',
        'threads.article_id',
      ])
      .where('comments.account_id', '=', accountId)
      .orderBy('comments.id', 'desc');
  }

  /** What anyone may see of an account's comments on its profile page: the published ones, newest first. */
  publishedCommentsOf(accountId: number, options: { before?: number; limit: number }): Promise<OwnCommentRow[]> {
    let query = this.ownComments(accountId).where('comments.status', '=', 'published');
    if (options.before !== undefined) query = query.where('comments.id', '<', options.before);
    return query.limit(options.limit).execute();
  }

  /** How many of an account's comments readers can see. */
  async countPublishedOf(accountId: number): Promise<number> {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Votes cast by one reader cookie (a browser). */
  votesBy(readerId: string): Promise<{ comment_id: number; value: number; created_at: number }[]> {
    return this.db.selectFrom('votes').select(['comment_id', 'value', 'created_at']).where('reader_id', '=', readerId).orderBy('created_at').execute();
  }

  /** The keys of the threads an account has comments in (shown or not): the pages whose cache a change to them touches. */
  async threadKeysOf(accountId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('comments')
      .innerJoin('threads', 'threads.id', 'comments.thread_id')
      .select('threads.key')
      .distinct()
      .where('comments.account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.key);
  }

  async renameAuthor(accountId: number, name: string): Promise<void> {
    await this.db.updateTable('comments').set({ author_name: name }).where('account_id', '=', accountId).where('status', '!=', 'deleted').execute();
  }

  /** Comments posted on this site as a guest with this address (compared without case), not yet anyone's. */
  async countGuestComments(siteId: string, email: string): Promise<number> {
    const row = await this.guestComments(siteId, email)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Makes the guest comments with this address the account's, under its name; returns how many. */
  async claimGuestComments(siteId: string, email: string, account: { id: number; name: string }): Promise<number> {
    const ids = (await this.guestComments(siteId, email).select('id').execute()).map((r) => r.id);
    if (ids.length === 0) return 0;
    await this.db.updateTable('comments').set({ account_id: account.id, author_name: account.name }).where('id', 'in', ids).execute();
    return ids.length;
  }

  private guestComments(siteId: string, email: string) {
    return this.db
      .selectFrom('comments')
      .where('site_id', '=', siteId)
      .where('account_id', 'is', null)
      .where('status', '!=', 'deleted')
      .where((eb) => eb(eb.fn('lower', ['author_email']), '=', email.toLowerCase()));
  }

  /** The account's comments that readers can see or that wait for a decision, for removal one by one. */
  shownOrWaitingOf(accountId: number): Promise<{ id: number; status: CommentStatus; thread_id: number; root_id: number | null }[]> {
    return this.db.selectFrom('comments').select(['id', 'status', 'thread_id', 'root_id']).where('account_id', '=', accountId).where('status', '!=', 'deleted').execute();
  }

  /** Empties the account's comments (placeholders keep replies in place) and drops their earlier versions. */
  async removeCommentsOf(accountId: number): Promise<void> {
    const ids = this.db.selectFrom('comments').select('id').where('account_id', '=', accountId);
    await this.db.deleteFrom('comment_revisions').where('comment_id', 'in', ids).execute();
    await this.db.updateTable('comments').set({ status: 'deleted', body_md: '', body_html: '' }).where('account_id', '=', accountId).execute();
  }

  /** Cuts the account's comments loose from everything that said who wrote them. */
  async anonymiseCommentsOf(accountId: number, name: string): Promise<void> {
    await this.db
      .updateTable('comments')
      .set({ account_id: null, author_name: name, author_email: null, author_website: null, reader_id: null, ip_hash: null, edit_token_hash: null })
      .where('account_id', '=', accountId)
      .execute();
  }

  /** Closes the account: its address, name, sessions, identities and pending sign-in links go; the row stays, empty, as what old comments pointed to. */
  async closeAccount(account: { id: number; siteId: string; email: string | null }, name: string, now: number): Promise<void> {
    await this.db.deleteFrom('reader_sessions').where('account_id', '=', account.id).execute();
    await this.db.deleteFrom('reader_identities').where('account_id', '=', account.id).execute();
    if (account.email) await this.db.deleteFrom('sign_in_links').where('site_id', '=', account.siteId).where('email', '=', account.email).execute();
    await this.db.updateTable('reader_accounts').set({ deleted_at: now, email: null, email_verified_at: null, name }).where('id', '=', account.id).execute();
  }
}
