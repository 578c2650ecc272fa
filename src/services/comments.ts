import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DiscussionSettings, RateLimitSettings } from '../config.js';
import type { EventBus } from '../adapters/bus/bus.js';
import type { RateLimitStore } from '../adapters/rate-limit/rate-limit.js';
import type { Comment, CommentSort, DiscussionOptions, ThreadPage } from '../shared/comment.js';
import { ThreadTree, pruneDeletedLeaves } from '../shared/thread-tree.js';
import type { CommentRow, ShownCommentRow, ThreadRow } from '../store/comments.js';
import type { Store } from '../store/store.js';
import { renderCommentMarkdown } from '../text/markdown.js';
import { checkBody, checkGuest } from './comment-input.js';
import type { BanService } from './bans.js';
import type { CommentJudge } from './comment-moderation.js';
import { toComment, toPlacedComment } from './comment-view.js';
import { GroupCommit } from './group-commit.js';
import { decodeReplyCursor, decodeTopLevelCursor, encodeReplyCursor, encodeTopLevelCursor } from './cursors.js';
import { ServiceError, forbidden, notFound } from './errors.js';
import { mayDo, moderatorOf, type Actor } from './actor.js';
import { MentionService } from './mentions.js';
import { PassageService, type AnchorInput } from './passages.js';
import { DEFAULT_SITE_ID, type SiteSettings } from '../shared/site.js';


export interface NewCommentInput {
  body: string;
  parentId?: number | null;
  name?: string;
  email?: string;
  website?: string;
  /** What the comment form tells about how it was filled: a hidden field bots fill, and the time taken. */
  form?: { honeypot?: string; elapsedMs?: number };
  /** The passage of the article the comment is about (top-level comments only). */
  anchor?: AnchorInput;
}

export interface PostedComment {
  comment: Comment;
  status: 'published' | 'pending';
  /** Proves, within the edit window, that a later edit or delete comes from the same browser. */
  editToken: string;
}

export interface RepliesPage {
  replies: Comment[];
  nextCursor: string | null;
}

export class CommentService {
  private readonly writes: GroupCommit;
  private readonly mentions: MentionService;
  readonly passages: PassageService;

  constructor(
    private readonly store: Store,
    private readonly settings: DiscussionSettings,
    private readonly rateLimits: RateLimitSettings,
    private readonly limiter: RateLimitStore,
    private readonly bus: EventBus,
    private readonly judge: CommentJudge,
    private readonly bans: BanService,
    private readonly now: () => number = Date.now,
    /** What each site chose for its discussions; what it leaves out follows `settings`. */
    private readonly siteSettings: (siteId: string) => SiteSettings = () => ({}),
  ) {
    this.writes = new GroupCommit(store, store.dialect === 'postgres' ? 4 : 1);
    this.mentions = new MentionService(store);
    this.passages = new PassageService(store);
  }

  /** The installation's discussion settings: the default site's unless it chose otherwise. */
  get options(): DiscussionOptions {
    return this.optionsOn(DEFAULT_SITE_ID);
  }

  /** How a site's discussions work, for its pages and widget: its own choices over the installation's. */
  optionsOn(siteId: string): DiscussionOptions {
    const s = this.settingsOn(siteId);
    return {
      maxDepth: s.maxDepth,
      editWindowMinutes: s.editWindowMinutes,
      requireEmail: s.requireEmail,
      minLength: s.minLength,
      maxLength: s.maxLength,
      nameMaxLength: s.nameMaxLength,
    };
  }

  /** The discussion settings of the site, its own choices (edit window, depth, e-mail required) first. */
  private settingsOn(siteId: string): DiscussionSettings {
    const chosen = this.siteSettings(siteId);
    return {
      ...this.settings,
      ...(chosen.editWindowMinutes === undefined ? {} : { editWindowMinutes: chosen.editWindowMinutes }),
      ...(chosen.maxDepth === undefined ? {} : { maxDepth: chosen.maxDepth }),
      ...(chosen.requireEmail === undefined ? {} : { requireEmail: chosen.requireEmail }),
    };
  }

  async listThread(siteId: string, key: string, sort: CommentSort, cursor: string | null, limit = this.settings.pageSize): Promise<ThreadPage> {
    const thread = await this.requireThread(siteId, key);
    const after = cursor ? decodeTopLevelCursor(sort, cursor) : null;
    return this.buildPage(thread, sort, after, limit, after !== null);
  }

  /**
   * The page of the thread that holds comment `id`, however deep or old, with that comment's
   * branch loaded far enough to show it.
   */
  async pageContaining(siteId: string, id: number, sort: CommentSort): Promise<ThreadPage & { commentId: number }> {
    const comment = await this.store.comments.findComment(id);
    if (!comment || comment.site_id !== siteId || comment.status !== 'published') throw notFound('comment_not_found', `No comment with id ${id}.`);
    const thread = (await this.store.comments.findThreadById(comment.thread_id))!;
    const root = comment.root_id === null ? comment : (await this.store.comments.findComment(comment.root_id))!;
    const limit = this.settings.pageSize;

    const before = await this.store.comments.countTopLevelBefore(thread.id, sort, positionOf(root));
    const pageStart = Math.floor(before / limit) * limit;
    const previous = pageStart === 0 ? null : await this.store.comments.topLevelAt(thread.id, sort, pageStart - 1);
    let repliesNeeded = this.settings.repliesShown;
    if (comment.root_id !== null) {
      const earlier = await this.store.comments.countRepliesBefore(root.id, positionOf(comment));
      repliesNeeded = Math.max(repliesNeeded, earlier + 1);
    }
    const page = await this.buildPage(thread, sort, previous ? positionOf(previous) : null, limit, previous !== null, {
      rootId: root.id,
      replies: repliesNeeded,
    });
    return { ...page, commentId: id };
  }

  async listReplies(siteId: string, rootId: number, cursor: string | null, limit = this.settings.repliesShown): Promise<RepliesPage> {
    const found = await this.store.comments.findComment(rootId);
    const root = found?.site_id === siteId ? found : undefined;
    // A deleted or hidden top-level comment stays as a placeholder: its replies can still be loaded.
    // (Only while it has replies, as the thread shows it: a held comment, like spam, is not found.)
    const placed = root && (root.status === 'published' || ((root.status === 'deleted' || root.status === 'pending') && root.reply_count > 0));
    if (!root || root.root_id !== null || !placed) {
      throw notFound('comment_not_found', `No top-level comment with id ${rootId}.`);
    }
    const after = cursor ? decodeReplyCursor(cursor) : null;
    const rows = await this.store.comments.branchReplies(rootId, after, limit + 1);
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      replies: await this.answeringNames(shown, toPlacedComment),
      nextCursor: rows.length > limit && last ? encodeReplyCursor(positionOf(last)) : null,
    };
  }

  async postComment(key: string, input: NewCommentInput, actor: Actor): Promise<PostedComment> {
    const thread = await this.requireThread(actor.siteId, key, { toWrite: true });
    const closed = this.isClosed(thread);
    if (closed) throw forbidden('thread_closed', 'This discussion is closed to new comments.');
    const settings = this.settingsOn(thread.site_id);
    const body = checkBody(input.body, settings);
    // A signed-in reader posts as their account, whatever the form's name and e-mail say.
    const guest = actor.account ? { name: actor.account.name, email: actor.account.email, website: null } : checkGuest(input, settings);
    const parent = await this.findParent(thread, input.parentId);
    const anchor = input.anchor ? await this.passages.anchorFor(thread, input.anchor, parent !== undefined) : null;
    const judged = await this.judge.judge({ thread, closed, text: body, guest, actor, isEdit: false, ...(input.form ? { form: input.form } : {}) });

    const editToken = randomBytes(24).toString('base64url');
    // Rendered before the transaction: on PostgreSQL it holds a pooled connection until COMMIT.
    const html = await this.renderWithMentions(thread.site_id, body);
    // Shares its transaction with the posts that arrive with it (group commit); answered once committed.
    const inserted = await this.writes.run(async (tx) => {
      const row = await tx.comments.insertComment({
        site_id: thread.site_id,
        thread_id: thread.id,
        parent_id: parent?.id ?? null,
        root_id: parent ? (parent.root_id ?? parent.id) : null,
        depth: parent ? parent.depth + 1 : 0,
        status: judged.status,
        author_name: guest.name,
        author_email: guest.email,
        author_website: guest.website,
        reader_id: actor.readerId,
        account_id: actor.account?.id ?? null,
        ip_hash: actor.ipHash,
        edit_token_hash: hashToken(editToken),
        body_md: body,
        body_html: html,
        created_at: this.now(),
        moderation_reasons: judged.reasons.length > 0 ? JSON.stringify(judged.reasons) : null,
        // Staff vouch for what they write: readers' reports cannot hide it.
        reviewed_at: actor.staff ? this.now() : null,
      });
      if (anchor) await tx.anchors.insert({ comment_id: row.id, thread_id: thread.id, ...anchor });
      if (judged.status === 'published') {
        await tx.comments.adjustShownCounts(row, 1);
        tx.threadEvents.note(thread.id, 'published', row.id, this.now());
      }
      // One row whatever the number of subscribers; the notifier mails them after this request.
      if (judged.status === 'published' || judged.status === 'pending') await tx.subscriptions.noteComment(row.id, judged.status === 'published' ? 'published' : 'held', this.now());
      return row;
    });

    if (judged.status === 'published') this.bus.publish({ type: 'comment.posted', siteId: thread.site_id, threadKey: thread.key, commentId: inserted.id });
    // Spam is answered like a held comment, so a spammer learns nothing about what gave them away.
    const comment = toComment(inserted, parent?.author_name ?? null);
    if (anchor) comment.anchor = { ...anchor };
    return { comment, status: judged.status === 'published' ? 'published' : 'pending', editToken };
  }

  /** Staff close a discussion to new comments and edits, or open it again. */
  async setClosed(key: string, closed: boolean, actor: Actor): Promise<void> {
    const moderator = moderatorOf(actor);
    const thread = await this.requireThread(actor.siteId, key);
    await this.store.transaction(async (tx) => {
      await tx.comments.setThreadClosed(thread.id, closed);
      await tx.moderation.insertAudit({
        site_id: thread.site_id,
        staff_id: moderator.id,
        staff_name: moderator.name,
        action: closed ? 'close_thread' : 'open_thread',
        comment_id: null,
        details: JSON.stringify({ thread: thread.key, before: { closed: thread.closed === 1 }, after: { closed } }),
        created_at: this.now(),
      });
    });
    this.bus.publish({ type: 'thread.changed', siteId: thread.site_id, threadKey: thread.key });
  }

  /** The comment's HTML with its `@name` mentions of readers and authors of the site marked. */
  private async renderWithMentions(siteId: string, body: string): Promise<string> {
    if (!body.includes('@')) return renderCommentMarkdown(body);
    return renderCommentMarkdown(body, new Set((await this.mentions.resolve(siteId, body)).keys()));
  }

  /** Closed by staff, or by age when `TRIBUNE_CLOSE_AFTER_DAYS` is set. */
  private isClosed(thread: ThreadRow): boolean {
    const days = this.settings.closeAfterDays;
    return thread.closed === 1 || (days > 0 && this.now() - thread.created_at > days * 86_400_000);
  }

  /** The reader's own comments in a thread that wait for a moderator; nobody else sees them. */
  async pendingFor(key: string, actor: Actor): Promise<Comment[]> {
    const thread = await this.requireThread(actor.siteId, key);
    if (!actor.readerId) return [];
    return this.answeringNames(await this.store.comments.pendingBy(thread.id, actor.readerId));
  }

  /** Comments loaded apart from their parents, each saying whom it answers ("reply to NAME"). */
  private async answeringNames(rows: ShownCommentRow[], show = toComment): Promise<Comment[]> {
    const names = await this.store.comments.authorNames([...new Set(rows.flatMap((r) => (r.parent_id === null ? [] : [r.parent_id])))]);
    return rows.map((row) => show(row, row.parent_id === null ? null : (names.get(row.parent_id) ?? null)));
  }

  private async findParent(thread: ThreadRow, parentId: number | null | undefined): Promise<CommentRow | undefined> {
    if (parentId === undefined || parentId === null) return undefined;
    const parent = await this.store.comments.findComment(parentId);
    if (!parent || parent.thread_id !== thread.id || parent.status !== 'published') {
      throw new ServiceError('not_found', 'parent_not_found', `No comment with id ${parentId} to reply to in this thread.`, 'parentId');
    }
    return parent;
  }

  /** `within` runs in the edit's transaction (the moderation queue writes its audit row there). */
  async editComment(
    id: number,
    rawBody: string,
    actor: Actor,
    editToken: string | null,
    within?: (tx: Store, before: CommentRow, after: CommentRow) => Promise<void>,
  ): Promise<Comment> {
    const existing = await this.requireOwnEditable(id, actor, editToken);
    const body = checkBody(rawBody, this.settings);
    if (body === existing.body_md) return toComment(existing);
    const thread = (await this.store.comments.findThreadById(existing.thread_id))!;
    const guest = { name: existing.author_name, email: existing.author_email, website: existing.author_website };
    // An edit is judged like a new comment: it must not smuggle in what posting would have refused.
    const judged = await this.judge.judge({ thread, closed: this.isClosed(thread), text: body, guest, actor, isEdit: true });
    const status = existing.status === 'published' ? judged.status : existing.status;
    const editor = actor.staff?.name ?? existing.author_name;
    const html = await this.renderWithMentions(thread.site_id, body);
    const updated = await this.store.transaction(async (tx) => {
      await tx.comments.insertRevision({ comment_id: id, body_md: existing.body_md, replaced_at: this.now(), replaced_by: editor });
      if (existing.status === 'published' && status !== 'published') await tx.comments.adjustShownCounts(existing, -1);
      const after = await tx.comments.updateComment(id, {
        body_md: body,
        body_html: html,
        edited_at: this.now(),
        edited_by: editor,
        status,
        ...(judged.reasons.length > 0 ? { moderation_reasons: JSON.stringify(judged.reasons) } : {}),
      });
      if (within) await within(tx, existing, after);
      // Open pages show the new text, or lose a comment the edit sent back to a moderator.
      if (existing.status === 'published') tx.threadEvents.note(existing.thread_id, status === 'published' ? 'edited' : 'removed', id, this.now());
      // Whoever the edit names for the first time is told, as if named when it was posted.
      if (existing.status === 'published' && status === 'published' && body.includes('@')) await tx.subscriptions.noteEdit(id, this.now());
      return after;
    });
    await this.publishFor(updated, 'comment.edited');
    return toComment(updated);
  }

  async deleteComment(id: number, actor: Actor, editToken: string | null): Promise<void> {
    const existing = await this.requireOwnEditable(id, actor, editToken);
    await this.store.transaction(async (tx) => {
      // The text is kept as a revision so staff can still see what was said.
      await tx.comments.insertRevision({
        comment_id: id,
        body_md: existing.body_md,
        replaced_at: this.now(),
        replaced_by: actor.staff?.name ?? existing.author_name,
      });
      // Spam stays in the Spam tab and in its author's record; only their token to it goes.
      if (existing.status === 'spam') await tx.comments.updateComment(id, { edit_token_hash: null });
      else await tx.comments.updateComment(id, { status: 'deleted', body_md: '', body_html: '', edit_token_hash: null });
      if (existing.status === 'published') {
        await tx.comments.adjustShownCounts(existing, -1);
        tx.threadEvents.note(existing.thread_id, 'removed', id, this.now());
      }
    });
    await this.publishFor(existing, 'comment.deleted');
  }

  /** Checks a per-client limit; a no-op when limits are off (benchmarks, bulk checks). */
  async enforceRate(action: string, actor: Actor, limit: { limit: number; windowMs: number }, siteRate?: keyof NonNullable<SiteSettings['rateLimits']>): Promise<void> {
    if (!this.rateLimits.enabled || actor.staff) return;
    const client = actor.ipHash ?? actor.readerId ?? 'unknown';
    if (siteRate) limit = this.siteSettings(actor.siteId).rateLimits?.[siteRate] ?? limit;
    // Each site counts its own readers: being busy on one site costs nothing on another.
    const decision = await this.limiter.hit(`${action}:${actor.siteId}:${client}`, limit.limit, limit.windowMs);
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw new ServiceError('rate_limited', 'rate_limited', `Too many ${action}s in a short time; try again in ${seconds} s.`, undefined, decision.retryAfterMs);
    }
  }

  private async requireThread(siteId: string, key: string, options: { toWrite?: boolean } = {}): Promise<ThreadRow> {
    const thread = await (options.toWrite ? this.store.comments.findThreadToWrite(siteId, key) : this.store.comments.findThreadByKey(siteId, key));
    if (!thread) throw notFound('thread_not_found', `No discussion with key "${key}".`);
    return thread;
  }

  private async requireOwnEditable(id: number, actor: Actor, editToken: string | null): Promise<CommentRow> {
    const comment = await this.store.comments.findComment(id);
    // Spam answers its author exactly as a held comment does, so a spammer learns nothing.
    // Another site's comment is not there at all, for its staff too.
    if (!comment || comment.site_id !== actor.siteId || comment.status === 'deleted' || comment.status === 'rejected' || (comment.status === 'spam' && !comment.edit_token_hash)) {
      throw notFound('comment_not_found', `No comment with id ${id}.`);
    }
    // Moderators may change anyone's comment; other staff only their own, as any reader.
    if (actor.staff && mayDo(actor.staff.role, 'moderate')) return comment;
    await this.bans.refuseIfBanned(actor, comment.author_email);
    const byAccount = actor.account && comment.account_id === actor.account.id && comment.edit_token_hash !== null;
    if (!byAccount && (!editToken || !comment.edit_token_hash || !sameHash(hashToken(editToken), comment.edit_token_hash))) {
      throw forbidden('not_your_comment', 'Only the author can change this comment: signed in, or from the browser it was posted from.');
    }
    const { editWindowMinutes } = this.settingsOn(comment.site_id);
    if (this.now() - comment.created_at > editWindowMinutes * 60_000) {
      throw forbidden('edit_window_closed', `Comments can be changed for ${editWindowMinutes} minutes after posting; that time is over.`);
    }
    return comment;
  }

  private async publishFor(comment: CommentRow, type: 'comment.edited' | 'comment.deleted'): Promise<void> {
    const thread = await this.store.comments.findThreadById(comment.thread_id);
    if (thread) this.bus.publish({ type, siteId: thread.site_id, threadKey: thread.key, commentId: comment.id });
  }

  private async buildPage(
    thread: ThreadRow,
    sort: CommentSort,
    after: ReturnType<typeof positionOf> | null,
    limit: number,
    hasEarlier: boolean,
    expand?: { rootId: number; replies: number },
  ): Promise<ThreadPage> {
    // Read before the comments: an event between the two is sent again (the page skips what it has), never lost.
    const liveFrom = await this.store.threadEvents.head(thread.id);
    const rows = await this.store.comments.topLevelPage(thread.id, sort, after, limit + 1);
    const roots = rows.slice(0, limit);
    const perBranch = this.settings.repliesShown;
    const rootIds = roots.map((r) => r.id);
    const normalIds = rootIds.filter((id) => id !== expand?.rootId);
    const replyRows = await this.store.comments.firstReplies(normalIds, perBranch + 1);
    if (expand && rootIds.includes(expand.rootId)) {
      replyRows.push(...(await this.store.comments.branchReplies(expand.rootId, null, expand.replies + 1)));
    }

    const tree = new ThreadTree(this.settingsOn(thread.site_id).maxDepth);
    const names = new Map<number, string>();
    const comments = roots.map((row) => {
      const comment = toPlacedComment(row);
      comment.replyCount = row.reply_count;
      comment.moreReplies = null;
      tree.addRoot(comment);
      if (row.status === 'published') names.set(row.id, row.author_name);
      return comment;
    });
    const byRoot = new Map<number, ShownCommentRow[]>();
    for (const reply of replyRows) {
      const list = byRoot.get(reply.root_id!) ?? [];
      list.push(reply);
      byRoot.set(reply.root_id!, list);
    }
    for (const comment of comments) {
      const branch = (byRoot.get(comment.id) ?? []).sort((a, b) => a.created_at - b.created_at || a.id - b.id);
      const cap = comment.id === expand?.rootId ? expand.replies : perBranch;
      const shown = branch.slice(0, cap);
      for (const reply of shown) {
        const parentName = reply.parent_id === null ? null : (names.get(reply.parent_id) ?? null);
        if (reply.status === 'published') names.set(reply.id, reply.author_name);
        tree.addReply(toPlacedComment(reply, parentName), comment.id);
      }
      const last = shown.at(-1);
      comment.moreReplies = branch.length > cap && last ? encodeReplyCursor(positionOf(last)) : null;
      comment.replies = pruneDeletedLeaves(comment.replies);
    }

    await this.passages.attach(thread, comments);
    const last = roots.at(-1);
    return {
      key: thread.key,
      title: thread.title,
      closed: this.isClosed(thread),
      count: thread.comment_count,
      sort,
      comments,
      nextCursor: rows.length > limit && last ? encodeTopLevelCursor(sort, positionOf(last)) : null,
      hasEarlier,
      liveFrom,
    };
  }
}

function positionOf(row: Pick<CommentRow, 'created_at' | 'score' | 'id'>) {
  return { createdAt: row.created_at, score: row.score, id: row.id };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
