import { randomBytes } from 'node:crypto';
import type { ArticleRow } from '../store/articles.js';
import type { CommentRow, ThreadRow } from '../store/comments.js';
import type { FollowRow, MentionRecipientRow } from '../store/follows.js';
import type { Store } from '../store/store.js';
import { followDigestMail, followedArticleMail, followedCommentMail, mentionDigestMail, mentionMail, type MailTarget } from './follow-mail.js';
import type { MailService, OutgoingMail } from './mail.js';
import { MentionService } from './mentions.js';

/** A site as its mails name it; `origin` is where links in mail about mentions lead (its public address). */
export interface MailSite {
  name: string;
  origin?: string | null;
}

/**
 * The notifications about people rather than threads, for the Notifier: readers and authors named
 * in a published comment, followers of its commenter, followers of an article's author, and their
 * daily digests. Every method runs in the caller's transaction, so what it queues or keeps for a
 * digest is written with the claim of the record that caused it, once.
 */
export class FollowNotices {
  constructor(
    private readonly mail: MailService,
    private readonly site: (siteId: string) => MailSite,
    private readonly now: () => number,
  ) {}

  private origin(siteId: string): string {
    return this.site(siteId).origin ?? 'http://localhost';
  }

  /**
   * Mails to whoever `comment` names, under their own settings (at once, kept for a daily digest,
   * or not at all), never to its own author, nor to anyone in `namedBefore` ("reader:12", "author:3").
   * Adds the addresses told of it to `covered`.
   */
  async mentions(tx: Store, comment: CommentRow, thread: ThreadRow, covered: Set<string>, namedBefore: Set<string> = new Set()): Promise<OutgoingMail[]> {
    if (!comment.body_md.includes('@')) return [];
    const named = [...(await new MentionService(tx).resolve(comment.site_id, comment.body_md)).values()].filter((m) => !namedBefore.has(`${m.kind}:${m.id}`));
    const readers = await tx.follows.readersToMention(named.filter((m) => m.kind === 'reader').map((m) => m.id));
    const authors = await tx.follows.authorsToMention(named.filter((m) => m.kind === 'author').map((m) => m.id));
    const byAuthor = (who: MentionRecipientRow) => comment.author_email !== null && who.email === comment.author_email.toLowerCase();
    const mails: OutgoingMail[] = [];
    for (const [who, list] of [['reader', readers], ['author', authors]] as const) {
      for (const row of list) {
        if (!row.email || row.mention_delivery === 'off' || covered.has(row.email)) continue;
        if ((who === 'reader' && comment.account_id === row.id) || byAuthor(row)) continue;
        covered.add(row.email);
        if (who === 'reader' && row.mention_delivery === 'daily') {
          await tx.follows.addMentionDigestItem(row.id, comment.id, this.now());
          continue;
        }
        mails.push(mentionMail(await this.mentionTarget(tx, who, row, comment.site_id), thread, comment));
      }
    }
    return mails;
  }

  /** After an edit: mails to those the comment names now and none of its earlier words named (they were told then, or chose not to be). */
  async mentionsAddedByEdit(tx: Store, comment: CommentRow, thread: ThreadRow): Promise<OutgoingMail[]> {
    const mentions = new MentionService(tx);
    const namedBefore = new Set<string>();
    for (const body of await tx.comments.earlierBodies(comment.id)) {
      for (const who of (await mentions.resolve(comment.site_id, body)).values()) namedBefore.add(`${who.kind}:${who.id}`);
    }
    return this.mentions(tx, comment, thread, new Set(), namedBefore);
  }

  /** Mails to the followers of `comment`'s commenter, when the commenter allows followers. */
  async commenterFollowers(tx: Store, comment: CommentRow, thread: ThreadRow, covered: Set<string>): Promise<OutgoingMail[]> {
    if (comment.account_id === null || !(await tx.follows.allowsFollowers(comment.account_id))) return [];
    const mails: OutgoingMail[] = [];
    for (const follow of await tx.follows.followersOf({ kind: 'commenter', id: comment.account_id }, comment.created_at)) {
      if (follow.follower_id === comment.account_id || covered.has(follow.follower_email)) continue;
      covered.add(follow.follower_email);
      if (follow.delivery === 'daily') await tx.follows.addDigestItem(follow.id, { commentId: comment.id }, this.now());
      else mails.push(followedCommentMail(this.followTarget(follow, follow.follower_email), thread, comment));
    }
    return mails;
  }

  /** Handles up to `limit` newly published articles; resolves with how many were looked at. */
  async notifyArticles(store: Store, limit: number, stopped: () => boolean): Promise<number> {
    const due = await store.follows.dueArticles(limit);
    for (const record of due) {
      if (stopped()) break;
      await store.transaction(async (tx) => {
        if (!(await tx.follows.claimArticle(record.id, this.now()))) return;
        const article = await tx.follows.articleWithAuthor(record.article_id);
        if (!article) return;
        for (const follow of await tx.follows.followersOf({ kind: 'author', id: article.author_id }, record.created_at)) {
          if (follow.delivery === 'daily') await tx.follows.addDigestItem(follow.id, { articleId: article.id }, this.now());
          else await this.mail.queue(tx, followedArticleMail(this.followTarget(follow, follow.follower_email), article.author_name, article));
        }
      });
    }
    return due.length;
  }

  /** Sends the follows' and the mentions' daily digests that are due. */
  async sendDueDigests(store: Store, everyMs: number, limit: number, stopped: () => boolean): Promise<void> {
    const now = this.now();
    for (const due of await store.follows.digestsDue(now - everyMs, limit)) {
      if (stopped()) return;
      await store.transaction(async (tx) => {
        const follow = await tx.follows.lock(due.id);
        if (!follow || follow.delivery !== 'daily' || follow.last_digest_at > now - everyMs) return;
        const items = await tx.follows.takeDigestItems(follow.id);
        await tx.follows.update(follow.id, { last_digest_at: now });
        const follower = await tx.readerAccounts.findAccount(follow.site_id, follow.follower_id);
        if (!follower?.email) return;
        const shown: Parameters<typeof followDigestMail>[2] = [];
        let name = '';
        for (const item of items) {
          if (item.articleId !== null) {
            const article = await tx.follows.articleWithAuthor(item.articleId);
            if (article) {
              shown.push({ article: article as ArticleRow });
              name = article.author_name;
            }
          } else if (item.commentId !== null) {
            // Removed since it was kept for the digest: left out.
            const comment = await tx.comments.findComment(item.commentId);
            const thread = comment?.status === 'published' ? await tx.comments.findThreadByIdToWrite(comment.thread_id) : undefined;
            if (comment && thread) {
              shown.push({ thread, comment });
              name = comment.author_name;
            }
          }
        }
        if (shown.length > 0) await this.mail.queue(tx, followDigestMail(this.followTarget(follow, follower.email), name, shown));
      });
    }
    for (const due of await store.follows.mentionDigestsDue(now - everyMs, limit)) {
      if (stopped()) return;
      await store.transaction(async (tx) => {
        const reader = await tx.follows.lockMentionDigest(due.id);
        if (!reader || reader.mention_delivery !== 'daily' || (reader.mention_digest_at !== null && reader.mention_digest_at > now - everyMs)) return;
        const ids = await tx.follows.takeMentionDigestItems(reader.id);
        await tx.follows.updateReaderSettings(reader.id, { mention_digest_at: now });
        if (reader.deleted_at !== null || !reader.email) return;
        const items: { thread: ThreadRow; comment: CommentRow }[] = [];
        for (const id of ids) {
          const comment = await tx.comments.findComment(id);
          const thread = comment?.status === 'published' ? await tx.comments.findThreadByIdToWrite(comment.thread_id) : undefined;
          if (comment && thread) items.push({ thread, comment });
        }
        if (items.length > 0) await this.mail.queue(tx, mentionDigestMail(await this.mentionTarget(tx, 'reader', reader, reader.site_id), items));
      });
    }
  }

  private followTarget(follow: FollowRow, to: string): MailTarget {
    return { siteId: follow.site_id, siteName: this.site(follow.site_id).name, to, origin: follow.origin, token: follow.token };
  }

  private async mentionTarget(tx: Store, who: 'reader' | 'author', row: MentionRecipientRow, siteId: string): Promise<MailTarget> {
    const token = row.mention_token ?? (await tx.follows.setMentionToken(who, row.id, randomBytes(32).toString('base64url')));
    return { siteId, siteName: this.site(siteId).name, to: row.email!, origin: this.origin(siteId), token };
  }
}
