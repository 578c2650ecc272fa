import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { CommentStatus, CommentTable, Database, ThreadTable } from './schema.js';
import type { Dialect } from './db.js';
import { ReusedQuery, definedFields, rowOfSlots } from './reused-query.js';

// The posting path's queries, compiled once (reused-query.ts).
const threadToWrite = new ReusedQuery((db, siteId: string, key: string) => db.selectFrom('threads').selectAll().where('site_id', '=', siteId).where('key', '=', key));
const commentById = new ReusedQuery((db, id: number) => db.selectFrom('comments').selectAll().where('id', '=', id));
const recentStatuses = new ReusedQuery((db, siteId: string, readerId: string, recent: number) =>
  db
    .selectFrom(db.selectFrom('comments').select('status').where('site_id', '=', siteId).where('reader_id', '=', readerId).orderBy('id', 'desc').limit(recent).as('latest'))
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status'),
);
const newComment = new ReusedQuery<[NewComment], CommentRow>(
  (db, comment: NewComment) => db.insertInto('comments').values(comment).returningAll(),
  definedFields,
  (comment) => [rowOfSlots(comment, 0)] as [NewComment],
);
const replyCountChange = new ReusedQuery((db, rootId: number, delta: number) =>
  db
    .updateTable('comments')
    .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
    .where('id', '=', rootId),
);
const threadCountChange = new ReusedQuery((db, threadId: number, delta: number) => db.insertInto('thread_count_changes').values({ thread_id: threadId, delta }));

export type CommentRow = Selectable<CommentTable>;

/**
 * What pages show of a comment. Listing queries fetch only these: the Markdown source, e-mail,
 * reader id and edit token stay in the database, which keeps big pages light in memory.
 */
const shownColumns = [
  'id',
  'thread_id',
  'parent_id',
  'root_id',
  'status',
  'author_name',
  'author_website',
  'body_html',
  'up',
  'down',
  'score',
  'reply_count',
  'created_at',
  'edited_at',
  'edited_by',
  'account_id',
] as const;

/** Replies fetched for a branch: shown, or kept as a placeholder if they have replies of their own. */
const PLACED_STATUSES: CommentStatus[] = ['published', 'deleted', 'pending'];

export type ShownCommentRow = Pick<CommentRow, (typeof shownColumns)[number]>;

/** A reader as votes and reports count them: their cookie, and the keyed hash of their address. */
export interface Person {
  readerId: string;
  ipHash: string | null;
}
export type ThreadRow = Selectable<ThreadTable>;
export type NewComment = Insertable<CommentTable>;

export type CommentSort = 'oldest' | 'newest' | 'votes';

/** Where a page ends: the sort key of its last top-level comment. */
export interface TopLevelPosition {
  createdAt: number;
  score: number;
  id: number;
}

/** Where a branch's shown replies end. */
export interface ReplyPosition {
  createdAt: number;
  id: number;
}

type CommentsEB = ExpressionBuilder<Database, 'comments'>;

/**
 * A top-level comment shows when published, or as a placeholder while it has replies: deleted,
 * or hidden for a moderator (readers' reports never take other readers' replies with them).
 */
function topLevelShown(eb: CommentsEB) {
  return eb.or([eb('status', '=', 'published'), eb.and([eb('status', 'in', ['deleted', 'pending']), eb('reply_count', '>', 0)])]);
}

/** Rows strictly after `p` in the sort order. */
function afterPosition(eb: CommentsEB, sort: CommentSort, p: TopLevelPosition) {
  switch (sort) {
    case 'oldest':
      return eb.or([eb('created_at', '>', p.createdAt), eb.and([eb('created_at', '=', p.createdAt), eb('id', '>', p.id)])]);
    case 'newest':
      return eb.or([eb('created_at', '<', p.createdAt), eb.and([eb('created_at', '=', p.createdAt), eb('id', '<', p.id)])]);
    case 'votes':
      return eb.or([eb('score', '<', p.score), eb.and([eb('score', '=', p.score), eb('id', '>', p.id)])]);
  }
}

export class CommentQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /** Names of the signed-in readers with a published comment in the thread, for mention suggestions. */
  async participantNames(threadId: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('comments')
      .innerJoin('reader_accounts', 'reader_accounts.id', 'comments.account_id')
      .select('reader_accounts.name')
      .distinct()
      .where('comments.thread_id', '=', threadId)
      .where('comments.status', '=', 'published')
      .where('reader_accounts.deleted_at', 'is', null)
      .limit(limit)
      .execute();
    return rows.map((r) => r.name);
  }

  /** The site's thread with this key; the same key on another site is another thread. */
  findThreadByKey(siteId: string, key: string): Promise<ThreadRow | undefined> {
    return this.selectThreads().where('site_id', '=', siteId).where('key', '=', key).executeTakeFirst();
  }

  /**
   * The thread without adding up its pending count changes, for writes, which never show the
   * count: its `comment_count` is the last folded one.
   */
  findThreadToWrite(siteId: string, key: string): Promise<ThreadRow | undefined> {
    return threadToWrite.run(this.db, this.dialect, siteId, key).then((rows) => rows[0]);
  }

  /** As `findThreadToWrite`, by id: for mail and writes, which never show the count. */
  findThreadByIdToWrite(id: number): Promise<ThreadRow | undefined> {
    return this.db.selectFrom('threads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findThreadById(id: number): Promise<ThreadRow | undefined> {
    return this.selectThreads().where('id', '=', id).executeTakeFirst();
  }

  /** Threads with their current count: the folded one plus the changes not folded yet. */
  private selectThreads() {
    return this.db
      .selectFrom('threads')
      .select(['id', 'site_id', 'key', 'article_id', 'title', 'closed', 'created_at', 'premoderation'])
      .select((eb) =>
        eb(
          'comment_count',
          '+',
          eb.fn.coalesce(
            eb.selectFrom('thread_count_changes').select((inner) => inner.fn.sum<number>('delta').as('pending')).whereRef('thread_count_changes.thread_id', '=', 'threads.id'),
            sql<number>`0`,
          ),
        ).as('comment_count'),
      );
  }

  /** An article's discussion keeps its article's title (in mails, the reader's list of comments). */
  /** An article's discussion is keyed by its slug: a new slug moves it. */
  async rekeyThread(siteId: string, key: string, newKey: string): Promise<void> {
    await this.db.updateTable('threads').set({ key: newKey }).where('site_id', '=', siteId).where('key', '=', key).execute();
  }

  async renameThread(siteId: string, key: string, title: string): Promise<void> {
    await this.db.updateTable('threads').set({ title }).where('site_id', '=', siteId).where('key', '=', key).execute();
  }

  insertThread(thread: { site_id: string; key: string; article_id: number | null; title: string; created_at: number; premoderation?: ThreadRow['premoderation'] }): Promise<ThreadRow> {
    return this.db.insertInto('threads').values(thread).returningAll().executeTakeFirstOrThrow();
  }

  async setThreadClosed(id: number, closed: boolean): Promise<void> {
    await this.db.updateTable('threads').set({ closed: closed ? 1 : 0 }).where('id', '=', id).execute();
  }

  async findComment(id: number): Promise<CommentRow | undefined> {
    return (await commentById.run(this.db, this.dialect, id))[0];
  }

  /** Holds the comment's row until the transaction ends, so concurrent votes on it queue up. */
  async lockComment(id: number): Promise<CommentRow | undefined> {
    let query = this.db.selectFrom('comments').selectAll().where('id', '=', id);
    // SQLite has no row locks; its single writer already serialises transactions.
    if (this.dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async topLevelPage(threadId: number, sort: CommentSort, after: TopLevelPosition | null, limit: number): Promise<ShownCommentRow[]> {
    let query = this.db
      .selectFrom('comments')
      .select(shownColumns)
      .where('thread_id', '=', threadId)
      .where('depth', '=', 0)
      .where(topLevelShown);
    if (after) query = query.where((eb) => afterPosition(eb, sort, after));
    switch (sort) {
      case 'oldest':
        query = query.orderBy('created_at', 'asc').orderBy('id', 'asc');
        break;
      case 'newest':
        query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
        break;
      case 'votes':
        query = query.orderBy('score', 'desc').orderBy('id', 'asc');
        break;
    }
    return query.limit(limit).execute();
  }

  /** How many shown top-level comments come before `p` in the sort order. */
  async countTopLevelBefore(threadId: number, sort: CommentSort, p: TopLevelPosition): Promise<number> {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('thread_id', '=', threadId)
      .where('depth', '=', 0)
      .where(topLevelShown)
      .where((eb) => eb.not(afterPosition(eb, sort, p)))
      .where('id', '!=', p.id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The first `perBranch` replies (oldest first) of each branch, in one query. */
  async firstReplies(rootIds: number[], perBranch: number): Promise<ShownCommentRow[]> {
    if (rootIds.length === 0) return [];
    const ranked = this.db
      .selectFrom('comments')
      .select(shownColumns)
      .select(sql<number>`row_number() over (partition by root_id order by created_at, id)`.as('position'))
      .where('root_id', 'in', rootIds)
      // SQLite has no statistics and judged `status in (3 values)` the narrower index, so it read every
      // published comment of the site (19 ms a first page at 10,000 comments, growing with the thread);
      // the unary `+` keeps it on `comments_branch`, so a page costs the same however long the thread.
      .where(this.dialect === 'sqlite' ? sql<CommentStatus>`+status` : sql.ref('status'), 'in', PLACED_STATUSES)
      .as('ranked');
    const rows = await this.db
      .selectFrom(ranked)
      .selectAll()
      .where('position', '<=', perBranch)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(({ position: _position, ...row }) => row);
  }

  /** Replies of one branch after `after`, oldest first. */
  branchReplies(rootId: number, after: ReplyPosition | null, limit: number): Promise<ShownCommentRow[]> {
    let query = this.db
      .selectFrom('comments')
      .select(shownColumns)
      .where('root_id', '=', rootId)
      .where('status', 'in', PLACED_STATUSES);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]),
      );
    }
    return query.orderBy('created_at').orderBy('id').limit(limit).execute();
  }

  /** How many shown replies of a branch come before `p`. */
  async countRepliesBefore(rootId: number, p: ReplyPosition): Promise<number> {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('root_id', '=', rootId)
      .where('status', 'in', PLACED_STATUSES)
      .where((eb) => eb.or([eb('created_at', '<', p.createdAt), eb.and([eb('created_at', '=', p.createdAt), eb('id', '<', p.id)])]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The shown top-level comment at `index` (0-based) in the sort order; used only to align a permalink to its page. */
  topLevelAt(threadId: number, sort: CommentSort, index: number): Promise<ShownCommentRow | undefined> {
    let query = this.db.selectFrom('comments').select(shownColumns).where('thread_id', '=', threadId).where('depth', '=', 0).where(topLevelShown);
    query =
      sort === 'oldest'
        ? query.orderBy('created_at', 'asc').orderBy('id', 'asc')
        : sort === 'newest'
          ? query.orderBy('created_at', 'desc').orderBy('id', 'desc')
          : query.orderBy('score', 'desc').orderBy('id', 'asc');
    return query.limit(1).offset(index).executeTakeFirst();
  }

  /** How many comments of each status a commenter (found by e-mail or reader cookie) has. */
  /**
   * How many of a reader's latest `recent` comments have each status. Posting judges reputation on
   * this window, so its cost stays the same however long the reader's history grows.
   */
  async recentStatusCounts(siteId: string, readerId: string, recent: number): Promise<Partial<Record<CommentStatus, number>>> {
    const rows = await recentStatuses.run(this.db, this.dialect, siteId, readerId, recent);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** How many comments of each status came from one reader cookie on one site: the whole record its moderators see. */
  async statusCounts(siteId: string, readerId: string | null): Promise<Partial<Record<CommentStatus, number>>> {
    if (!readerId) return {};
    const rows = await this.db
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('reader_id', '=', readerId)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }


  /** A reader's own comments in a thread that wait for a moderator: shown to them alone. */
  pendingBy(threadId: number, readerId: string): Promise<ShownCommentRow[]> {
    return this.db
      .selectFrom('comments')
      .select(shownColumns)
      .where('thread_id', '=', threadId)
      .where('reader_id', '=', readerId)
      // Spam is shown to its author as held, so a spammer cannot tell the two apart; once they delete it, it is gone for them.
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'spam'), eb('edit_token_hash', 'is not', null)])]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(50)
      .execute();
  }

  /** The given comments as pages show them, in no particular order; for the live page's events. */
  shownByIds(ids: number[]): Promise<ShownCommentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('comments').select(shownColumns).where('id', 'in', ids).execute();
  }

  /** Display names of the given comments' authors, for "reply to NAME". */
  async authorNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('comments').select(['id', 'author_name', 'status']).where('id', 'in', ids).execute();
    return new Map(rows.filter((r) => r.status !== 'deleted').map((r) => [r.id, r.author_name]));
  }

  async insertComment(comment: NewComment): Promise<CommentRow> {
    const [row] = await newComment.run(this.db, this.dialect, comment);
    if (!row) throw new Error('inserting a comment returned no row');
    return row;
  }

  updateComment(
    id: number,
    changes: Partial<Pick<CommentRow, 'body_md' | 'body_html' | 'status' | 'edited_at' | 'edited_by' | 'edit_token_hash' | 'moderation_reasons'>>,
  ): Promise<CommentRow> {
    return this.db.updateTable('comments').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** A thread's newest comments readers can see, replies included: for its comments feed. */
  newestPublished(threadId: number, limit: number): Promise<CommentRow[]> {
    return this.db.selectFrom('comments').selectAll().where('thread_id', '=', threadId).where('status', '=', 'published').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** What a comment said before each of its edits. */
  async earlierBodies(commentId: number): Promise<string[]> {
    return (await this.db.selectFrom('comment_revisions').select('body_md').where('comment_id', '=', commentId).execute()).map((r) => r.body_md);
  }

  insertRevision(revision: { comment_id: number; body_md: string; replaced_at: number; replaced_by: string }): Promise<unknown> {
    return this.db.insertInto('comment_revisions').values(revision).execute();
  }

  /**
   * Keeps the "N Comments" count and the branch's reply count in step with a comment
   * becoming shown (+1) or hidden (-1) to readers. The thread's count changes as a row of its
   * own: posts into one thread never wait on each other for the thread's row.
   */
  async adjustShownCounts(comment: Pick<CommentRow, 'thread_id' | 'root_id'>, delta: 1 | -1): Promise<void> {
    if (comment.root_id !== null) await replyCountChange.run(this.db, this.dialect, comment.root_id, delta);
    await threadCountChange.run(this.db, this.dialect, comment.thread_id, delta);
  }

  /**
   * Moves pending count changes (at most `limit`) into `threads.comment_count`, so reading a
   * count stays a sum over a few rows. Run inside a transaction; safe beside other instances
   * folding too, since each deleted change is added by the one that deleted it.
   */
  async foldCountChanges(limit = 5000): Promise<number> {
    const batch = this.db.selectFrom('thread_count_changes').select('id').orderBy('id').limit(limit);
    const moved = await this.db.deleteFrom('thread_count_changes').where('id', 'in', batch).returning(['thread_id', 'delta']).execute();
    const byThread = new Map<number, number>();
    for (const change of moved) byThread.set(change.thread_id, (byThread.get(change.thread_id) ?? 0) + change.delta);
    for (const [threadId, delta] of byThread) {
      if (delta === 0) continue;
      await this.db
        .updateTable('threads')
        .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
        .where('id', '=', threadId)
        .execute();
    }
    return moved.length;
  }

  /** The vote this person (by reader cookie or address) has on the comment, whichever cookie cast it. */
  findVote(commentId: number, person: Person) {
    return this.db
      .selectFrom('votes')
      .selectAll()
      .where('comment_id', '=', commentId)
      .where((eb) => eb.or([eb('reader_id', '=', person.readerId), ...(person.ipHash ? [eb('ip_hash', '=', person.ipHash)] : [])]))
      .executeTakeFirst();
  }

  async saveVote(siteId: string, commentId: number, person: Person, value: number, now: number): Promise<void> {
    await this.db
      .insertInto('votes')
      .values({ site_id: siteId, comment_id: commentId, reader_id: person.readerId, ip_hash: person.ipHash, value, created_at: now })
      .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doUpdateSet({ value, ip_hash: person.ipHash, created_at: now }))
      .execute();
  }

  /** Removes the vote cast under `readerId` (the cookie it was first cast with). */
  async removeVote(commentId: number, readerId: string): Promise<void> {
    await this.db.deleteFrom('votes').where('comment_id', '=', commentId).where('reader_id', '=', readerId).execute();
  }

  adjustVoteTotals(commentId: number, upDelta: number, downDelta: number): Promise<CommentRow> {
    return this.db
      .updateTable('comments')
      .set((eb) => ({
        up: eb('up', '+', upDelta),
        down: eb('down', '+', downDelta),
        score: eb('score', '+', upDelta - downDelta),
      }))
      .where('id', '=', commentId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

export type { CommentStatus };
