import type { EventBus } from '../adapters/bus/bus.js';
import type { RateLimit } from '../config.js';
import type { ReportReason } from '../store/reports.js';
import type { Store } from '../store/store.js';
import type { BanService } from './bans.js';
import type { CommentService } from './comments.js';
import type { Actor } from './actor.js';
import { ServiceError, forbidden, notFound } from './errors.js';
import { personOf, wroteIt } from './reader-trust.js';

export const reportReasons: readonly ReportReason[] = ['abuse', 'harassment', 'spam', 'off_topic', 'other'];

export interface ReportResult {
  /** True when this report took the comment off the page until a moderator looks at it. */
  hidden: boolean;
}

/**
 * Readers flag comments; enough distinct people (`TRIBUNE_REPORTS_TO_HIDE`, see reader-trust.ts)
 * hide one for review, so a heated thread cools down before a moderator is even online. Reports
 * can hide only what no moderator has looked at (staff comments count as looked at): after a
 * review they bring the comment back to the Reported tab, never off the page. A hidden comment
 * with replies stays as a placeholder, so the replies stay in view.
 */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly comments: CommentService,
    private readonly bans: BanService,
    private readonly settings: { reportsToHide: number; rate: RateLimit },
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  async report(commentId: number, reason: ReportReason, note: string, actor: Actor): Promise<ReportResult> {
    const person = personOf(actor, 'report');
    await this.bans.refuseIfBanned(actor);
    await this.comments.enforceRate('report', actor, this.settings.rate, 'reports');
    const outcome = await this.store.transaction(async (tx) => {
      const comment = await tx.comments.lockComment(commentId);
      if (!comment || comment.site_id !== actor.siteId || comment.status !== 'published') throw notFound('comment_not_found', `No comment with id ${commentId}.`);
      if (wroteIt(comment, person)) throw forbidden('own_comment', 'You cannot report your own comment.');
      if (await tx.reports.hasReported(commentId, person)) {
        throw new ServiceError('conflict', 'already_reported', 'You have already reported this comment; a moderator will look at it.');
      }
      await tx.reports.insertReport({ site_id: comment.site_id, comment_id: commentId, reader_id: person.readerId, ip_hash: person.ipHash, reason, note: note.trim().slice(0, 500), created_at: this.now() });
      const count = await tx.reports.countReport(commentId);
      if (count < this.settings.reportsToHide || comment.reviewed_at !== null) return { hidden: false, threadId: comment.thread_id };
      const reasons = [{ phase: 'reports', code: 'reported', message: `${count} readers reported this comment.`, matched: [] }];
      await tx.comments.updateComment(commentId, { status: 'pending', moderation_reasons: JSON.stringify(reasons) });
      await tx.comments.adjustShownCounts(comment, -1);
      tx.threadEvents.note(comment.thread_id, 'removed', commentId, this.now());
      return { hidden: true, threadId: comment.thread_id };
    });
    if (outcome.hidden) {
      const thread = await this.store.comments.findThreadById(outcome.threadId);
      if (thread) this.bus.publish({ type: 'comment.deleted', siteId: thread.site_id, threadKey: thread.key, commentId });
    }
    return { hidden: outcome.hidden };
  }
}
