import type { EventBus } from '../adapters/bus/bus.js';
import type { ModerationReason } from '../moderation/verdict.js';
import type { CommentRow } from '../store/comments.js';
import type { QueuePosition, QueueTab } from '../store/moderation.js';
import type { CommentStatus } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { CommentService } from './comments.js';
import { ServiceError, forbidden, invalid, notFound } from './errors.js';
import { moderatorOf, staffActor, type Actor } from './actor.js';

export type { QueueTab };
export const QUEUE_TABS: readonly QueueTab[] = ['pending', 'reported', 'spam', 'approved', 'rejected'];
export type ModeratorAction = 'approve' | 'reject' | 'spam';
export const MODERATOR_ACTIONS: readonly (ModeratorAction | 'edit')[] = ['approve', 'reject', 'spam', 'edit'];

export interface QueueCard {
  id: number;
  status: CommentStatus;
  author: { name: string; email: string | null; website: string | null };
  body: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  editedBy: string | null;
  /** `closed`: a moderator closed the discussion (closing by age is not shown here). */
  article: { title: string; threadKey: string; slug: string | null; closed: boolean };
  /** Which of the author's identifiers a ban could use; never the hashes themselves. */
  bannable: { email: boolean; ip: boolean; reader: boolean; account: boolean };
  /** The comment it answers, when it is a reply. */
  parent: { id: number; author: string; body: string } | null;
  reasons: ModerationReason[];
  history: Partial<Record<CommentStatus, number>>;
  reports: { reason: string; note: string; createdAt: string }[];
  revisions: { body: string; replacedAt: string; replacedBy: string }[];
}

export interface QueuePage {
  tab: QueueTab;
  cards: QueueCard[];
  nextCursor: string | null;
}

export interface AuditEntry {
  id: number;
  staffId: number | null;
  staffName: string;
  action: string;
  commentId: number | null;
  details: { before: unknown; after: unknown };
  createdAt: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

const PAGE_SIZE = 25;
const MAX_BULK = 200;
const iso = (ms: number) => new Date(ms).toISOString();
const targetStatus: Record<ModeratorAction, CommentStatus> = { approve: 'published', reject: 'rejected', spam: 'spam' };

/** The moderation queue: what waits for a moderator, and what they decide. */
export class ModerationQueueService {
  constructor(
    private readonly store: Store,
    private readonly comments: CommentService,
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  /** A page of the queue of the moderator's site; no other site's comments are in it. */
  async queue(tab: QueueTab, cursor: string | null, actor: Actor, limit = PAGE_SIZE): Promise<QueuePage> {
    moderatorOf(actor);
    if (!QUEUE_TABS.includes(tab)) throw invalid('tab_invalid', 'tab', `The tab must be one of ${QUEUE_TABS.join(', ')}.`);
    const after = cursor ? decodeQueueCursor(cursor) : null;
    const rows = await this.store.moderation.queuePage(actor.siteId, tab, after, limit + 1);
    const shown = rows.slice(0, limit);
    const ids = shown.map((r) => r.id);
    const [parents, reports, revisions] = await Promise.all([
      this.store.moderation.parents([...new Set(shown.flatMap((r) => (r.parent_id === null ? [] : [r.parent_id])))]),
      this.store.moderation.reportsOn(ids),
      this.store.moderation.revisionsOf(ids),
    ]);
    const histories = new Map<string, Partial<Record<CommentStatus, number>>>();
    // The record moderation judges by: the reader cookie's, never a typed e-mail's, which anyone can type.
    for (const row of shown) {
      const key = row.reader_id ?? '';
      if (!histories.has(key)) histories.set(key, await this.store.comments.statusCounts(actor.siteId, row.reader_id));
    }
    const parentById = new Map(parents.map((p) => [p.id, p]));
    const cards = shown.map((row): QueueCard => {
      const parent = row.parent_id === null ? undefined : parentById.get(row.parent_id);
      return {
        id: row.id,
        status: row.status,
        author: { name: row.author_name, email: row.author_email, website: row.author_website },
        body: row.body_md,
        html: row.body_html,
        createdAt: iso(row.created_at),
        editedAt: row.edited_at === null ? null : iso(row.edited_at),
        editedBy: row.edited_by,
        article: { title: row.thread_title, threadKey: row.thread_key, slug: row.article_slug, closed: row.thread_closed === 1 },
        bannable: { email: Boolean(row.author_email), ip: Boolean(row.ip_hash), reader: Boolean(row.reader_id), account: row.account_id !== null },
        parent: parent ? { id: parent.id, author: parent.status === 'deleted' ? '' : parent.author_name, body: parent.body_md } : null,
        reasons: parseReasons(row.moderation_reasons),
        history: histories.get(row.reader_id ?? '') ?? {},
        reports: reports.filter((r) => r.comment_id === row.id).map((r) => ({ reason: r.reason, note: r.note, createdAt: iso(r.created_at) })),
        revisions: revisions
          .filter((r) => r.comment_id === row.id)
          .map((r) => ({ body: r.body_md, replacedAt: iso(r.replaced_at), replacedBy: r.replaced_by })),
      };
    });
    const last = shown.at(-1);
    return { tab, cards, nextCursor: rows.length > limit && last ? encodeQueueCursor({ createdAt: last.created_at, id: last.id }) : null };
  }

  /** Closes or reopens the discussion comment `commentId` belongs to. */
  async setThreadClosedOf(commentId: number, closed: boolean, actor: Actor): Promise<void> {
    const comment = await this.store.comments.findComment(commentId);
    if (!comment || comment.site_id !== actor.siteId) throw notFound('comment_not_found', `No comment with id ${commentId}.`);
    const thread = await this.store.comments.findThreadById(comment.thread_id);
    if (!thread) throw notFound('thread_not_found', `Comment ${commentId} belongs to no discussion.`);
    await this.comments.setClosed(thread.key, closed, actor);
  }

  approve(ids: number[], actor: Actor) {
    return this.decide('approve', ids, actor);
  }

  reject(ids: number[], actor: Actor) {
    return this.decide('reject', ids, actor);
  }

  markSpam(ids: number[], actor: Actor) {
    return this.decide('spam', ids, actor);
  }

  /** Sets the status of every comment in `ids` at once; all of them change or none do. */
  async decide(action: ModeratorAction, ids: number[], actor: Actor): Promise<{ action: ModeratorAction; ids: number[] }> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw invalid('ids_required', 'ids', 'Select at least one comment.');
    if (unique.length > MAX_BULK) throw invalid('too_many_ids', 'ids', `At most ${MAX_BULK} comments at a time.`);
    const moderator = moderatorOf(actor);
    const status = targetStatus[action];
    const now = this.now();
    const changed = await this.store.transaction(async (tx) => {
      const done: CommentRow[] = [];
      for (const id of unique) {
        const before = await tx.comments.lockComment(id);
        // Another site's comment is not in this moderator's world: the same answer as no comment.
        if (!before || before.site_id !== actor.siteId || before.status === 'deleted') throw notFound('comment_not_found', `No comment with id ${id} to moderate.`);
        const after = await tx.moderation.setReviewed(id, status, now);
        const wasShown = before.status === 'published';
        const isShown = status === 'published';
        if (wasShown !== isShown) {
          await tx.comments.adjustShownCounts(before, isShown ? 1 : -1);
          // An approved comment appears on open pages; a rejected one goes.
          tx.threadEvents.note(before.thread_id, isShown ? 'published' : 'removed', id, now);
        }
        // Followers hear of a held comment when it is approved (and only the first time).
        if (isShown && !wasShown) await tx.subscriptions.noteComment(id, 'published', now);
        await tx.moderation.insertAudit({
          site_id: actor.siteId,
          staff_id: moderator.id,
          staff_name: moderator.name,
          action,
          comment_id: id,
          details: JSON.stringify({ before: { status: before.status }, after: { status: after.status } }),
          created_at: now,
        });
        done.push(after);
      }
      return done;
    });
    await this.announce(changed);
    return { action, ids: unique };
  }

  /** A moderator's edit: readers see "Last edited by <moderator>", and the old text stays as a revision. */
  async edit(id: number, body: string, actor: Actor) {
    const moderator = moderatorOf(actor);
    return this.comments.editComment(id, body, staffActor(moderator, actor.siteId), null, async (tx, before, after) => {
      await tx.moderation.insertAudit({
        site_id: actor.siteId,
        staff_id: moderator.id,
        staff_name: moderator.name,
        action: 'edit',
        comment_id: id,
        details: JSON.stringify({ before: { status: before.status, body: before.body_md }, after: { status: after.status, body: after.body_md } }),
        created_at: this.now(),
      });
    });
  }

  /** The audit trail of the admin's site, newest first: admins only. */
  async auditLog(cursor: string | null, actor: Actor, limit = 50): Promise<AuditPage> {
    if (moderatorOf(actor).role !== 'admin') throw forbidden('admins_only', 'Only admins can read the audit log.');
    let afterId: number | null = null;
    if (cursor) {
      afterId = /^[1-9][0-9]{0,15}$/.test(cursor) ? Number(cursor) : NaN;
      if (!Number.isSafeInteger(afterId)) throw invalid('invalid_cursor', 'cursor', 'cursor is not an audit log cursor; start again without it');
    }
    const rows = await this.store.moderation.auditPage(actor.siteId, afterId, limit + 1);
    const shown = rows.slice(0, limit);
    return {
      entries: shown.map((r) => ({
        id: r.id,
        staffId: r.staff_id,
        staffName: r.staff_name,
        action: r.action,
        commentId: r.comment_id,
        details: JSON.parse(r.details) as AuditEntry['details'],
        createdAt: iso(r.created_at),
      })),
      nextCursor: rows.length > limit && shown.length > 0 ? String(shown.at(-1)!.id) : null,
    };
  }

  private async announce(rows: CommentRow[]): Promise<void> {
    const keys = new Map<number, string>();
    for (const row of rows) {
      if (!keys.has(row.thread_id)) keys.set(row.thread_id, (await this.store.comments.findThreadById(row.thread_id))?.key ?? '');
      const threadKey = keys.get(row.thread_id)!;
      if (threadKey) this.bus.publish({ type: 'comment.moderated', siteId: row.site_id, threadKey, commentId: row.id });
    }
  }
}

function parseReasons(json: string | null): ModerationReason[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as ModerationReason[]) : [];
  } catch {
    return [];
  }
}

export function encodeQueueCursor(p: QueuePosition): string {
  return Buffer.from(JSON.stringify(['queue', p.createdAt, p.id])).toString('base64url');
}

export function decodeQueueCursor(cursor: string): QueuePosition {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts) || parts.length !== 3 || parts[0] !== 'queue' || !parts.slice(1).every(Number.isSafeInteger)) {
    throw new ServiceError('invalid', 'invalid_cursor', 'cursor is not a queue cursor; start again without it', 'cursor');
  }
  return { createdAt: parts[1] as number, id: parts[2] as number };
}
