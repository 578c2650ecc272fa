import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { AuditLogTable, CommentStatus, Database } from './schema.js';

export type QueueTab = 'pending' | 'reported' | 'spam' | 'approved' | 'rejected';
export type AuditRow = Selectable<AuditLogTable>;

/** Where a queue page ends: the newest-first key of its last card. */
export interface QueuePosition {
  createdAt: number;
  id: number;
}

type CommentsEB = ExpressionBuilder<Database, 'comments'>;

/** Reported since a moderator last looked (or never looked). */
function hasOpenReports(eb: CommentsEB) {
  return eb.and([
    eb('comments.report_count', '>', 0),
    eb.exists(
      eb
        .selectFrom('comment_reports')
        .select('comment_reports.id')
        .whereRef('comment_reports.comment_id', '=', 'comments.id')
        .where(sql<boolean>`comment_reports.created_at > coalesce(comments.reviewed_at, -1)`),
    ),
  ]);
}

function inTab(eb: CommentsEB, tab: QueueTab) {
  switch (tab) {
    case 'pending':
      // Comments hidden by readers' reports wait in Reported, not here.
      return eb.and([eb('comments.status', '=', 'pending'), eb.not(hasOpenReports(eb))]);
    case 'reported':
      return eb.and([eb('comments.status', '!=', 'deleted'), hasOpenReports(eb)]);
    case 'spam':
      return eb('comments.status', '=', 'spam');
    case 'approved':
      return eb('comments.status', '=', 'published');
    case 'rejected':
      return eb('comments.status', '=', 'rejected');
  }
}

/** The moderation queue's reads, and the audit trail. */
export class ModerationQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** One page of a tab of the site's queue, newest first: another site's comments never show. */
  queuePage(siteId: string, tab: QueueTab, after: QueuePosition | null, limit: number) {
    let query = this.db
      .selectFrom('comments')
      .innerJoin('threads', 'threads.id', 'comments.thread_id')
      .leftJoin('articles', 'articles.id', 'threads.article_id')
      .select([
        'comments.id',
        'comments.thread_id',
        'comments.parent_id',
        'comments.root_id',
        'comments.status',
        'comments.author_name',
        'comments.author_email',
        'comments.author_website',
        'comments.reader_id',
        'comments.account_id',
        'comments.ip_hash',
        'comments.body_md',
        'comments.body_html',
        'comments.created_at',
        'comments.edited_at',
        'comments.edited_by',
        'comments.moderation_reasons',
        'comments.report_count',
        'comments.reviewed_at',
        'threads.key as thread_key',
        'threads.title as thread_title',
        'threads.closed as thread_closed',
        'articles.slug as article_slug',
      ])
      .where('comments.site_id', '=', siteId)
      .where((eb) => inTab(eb, tab));
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('comments.created_at', '<', after.createdAt), eb.and([eb('comments.created_at', '=', after.createdAt), eb('comments.id', '<', after.id)])]),
      );
    }
    return query.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(limit).execute();
  }

  /** The comments the given ones reply to: who wrote them and what they said. */
  parents(ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('comments').select(['id', 'author_name', 'body_md', 'status']).where('id', 'in', ids).execute();
  }

  reportsOn(commentIds: number[]) {
    if (commentIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('comment_reports')
      .select(['id', 'comment_id', 'reason', 'note', 'created_at'])
      .where('comment_id', 'in', commentIds)
      .orderBy('id')
      .execute();
  }

  revisionsOf(commentIds: number[]) {
    if (commentIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('comment_revisions').selectAll().where('comment_id', 'in', commentIds).orderBy('id').execute();
  }

  /** Sets the status a moderator chose and records when they looked; the reports so far are answered. */
  setReviewed(id: number, status: CommentStatus, reviewedAt: number) {
    return this.db.updateTable('comments').set({ status, reviewed_at: reviewedAt, report_count: 0 }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /**
   * Held comments a moderator then approved, rejected or marked spam: the site's own labelled
   * examples (`npm run train:moderation -- --with-site-decisions`), oldest first.
   */
  moderatorDecisions() {
    return this.db
      .selectFrom('comments')
      .select(['comments.id', 'comments.body_md', 'comments.status', 'comments.moderation_reasons'])
      .where('comments.moderation_reasons', 'is not', null)
      .where('comments.status', 'in', ['published', 'rejected', 'spam'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('audit_log')
            .select('audit_log.id')
            .whereRef('audit_log.comment_id', '=', 'comments.id')
            .where('audit_log.action', 'in', ['approve', 'reject', 'spam']),
        ),
      )
      .orderBy('comments.id')
      .execute();
  }

  async insertAudit(entry: { site_id: string; staff_id: number | null; staff_name: string; action: string; comment_id: number | null; details: string; created_at: number }): Promise<void> {
    await this.db.insertInto('audit_log').values(entry).execute();
  }

  /** The audit trail, newest first, after the entry `afterId`. */
  auditPage(siteId: string, afterId: number | null, limit: number): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll().where('site_id', '=', siteId);
    if (afterId !== null) query = query.where('id', '<', afterId);
    return query.orderBy('id', 'desc').limit(limit).execute();
  }
}
