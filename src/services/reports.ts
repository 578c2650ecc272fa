import type { EventBus } from '../adapters/bus/bus.js';
import type { RateLimit } from '../config.js';
import type { ReportReason } from '../store/reports.js';
import type { Store } from '../store/store.js';
import type { CommentService, Reader } from './comments.js';
import { ServiceError, forbidden, notFound } from './errors.js';

export const reportReasons: readonly ReportReason[] = ['abuse', 'harassment', 'spam', 'off_topic', 'other'];

export interface ReportResult {
  /** True when this report took the comment off the page until a moderator looks at it. */
  hidden: boolean;
}

/**
 * Readers flag comments; enough distinct readers (`TRIBUNE_REPORTS_TO_HIDE`) hide one for review,
 * so a heated thread cools down before a moderator is even online.
 */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly comments: CommentService,
    private readonly settings: { reportsToHide: number; rate: RateLimit },
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  async report(commentId: number, reason: ReportReason, note: string, reader: Reader): Promise<ReportResult> {
    const readerId = reader.readerId;
    if (!readerId) throw forbidden('reader_unknown', 'Reporting needs cookies enabled, so each reader reports once.');
    await this.comments.enforceRate('report', reader, this.settings.rate);
    const outcome = await this.store.transaction(async (tx) => {
      const comment = await tx.comments.lockComment(commentId);
      if (!comment || comment.status !== 'published') throw notFound('comment_not_found', `No comment with id ${commentId}.`);
      if (comment.reader_id === readerId) throw forbidden('own_comment', 'You cannot report your own comment.');
      if (await tx.reports.hasReported(commentId, readerId)) {
        throw new ServiceError('conflict', 'already_reported', 'You have already reported this comment; a moderator will look at it.');
      }
      await tx.reports.insertReport({ comment_id: commentId, reader_id: readerId, ip_hash: reader.ipHash, reason, note: note.trim().slice(0, 500), created_at: this.now() });
      const count = await tx.reports.countReport(commentId);
      if (count < this.settings.reportsToHide) return { hidden: false, threadId: comment.thread_id };
      const reasons = [{ phase: 'reports', code: 'reported', message: `${count} readers reported this comment.`, matched: [] }];
      await tx.comments.updateComment(commentId, { status: 'pending', moderation_reasons: JSON.stringify(reasons) });
      await tx.comments.adjustShownCounts(comment, -1);
      return { hidden: true, threadId: comment.thread_id };
    });
    if (outcome.hidden) {
      const thread = await this.store.comments.findThreadById(outcome.threadId);
      if (thread) this.bus.publish({ type: 'comment.deleted', threadKey: thread.key, commentId });
    }
    return { hidden: outcome.hidden };
  }
}
