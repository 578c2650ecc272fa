import type { CommentRow } from '../store/comments.js';
import type { CommentNotificationRow, SubscriptionRow } from '../store/subscriptions.js';
import type { Store } from '../store/store.js';
import type { MailService, OutgoingMail } from './mail.js';
import { digestMail, heldCommentMail, notificationMail } from './notification-mail.js';
import { FollowNotices, type MailSite } from './follow-notifications.js';

export interface NotifierOptions {
  /** How often the notifier looks for work besides when woken. */
  pollMs?: number;
  /** Comments handled per transaction. */
  batchSize?: number;
  /** A daily digest goes out this long after the previous one. */
  digestEveryMs?: number;
  /** Mail moderators about comments held for them. */
  notifyModerators?: boolean;
}

export interface NotifierLog {
  error(details: object, message: string): void;
}

const DAY_MS = 24 * 3_600_000;

/**
 * A new comment is mailed about this long after it is posted, at most: the comments of a busy
 * thread posted meanwhile go out in one batch (one commit), not one run (and commit) each.
 */
const WAKE_DELAY_MS = 50;

/**
 * Turns the comments recorded in `comment_notifications` into mail in the outbox, after the
 * request that posted them: posting does one insert whatever the number of subscribers. Records
 * are claimed and their mail queued in one transaction per batch, so a crash leaves them to be done
 * again from the start and none is ever done twice. What is mailed:
 * - a published comment, to each confirmed subscriber of its thread (`thread`), or to the author
 *   of the comment it answers (`replies`): at once, or kept for that subscription's daily digest;
 * - a held comment, to moderators when the setting is on (its readers hear of it once approved);
 * - a published comment, to the readers and authors it mentions and to the followers of its
 *   commenter (see FollowNotices); a new article, to its author's followers;
 * - never a subscriber's own comment, and never a comment no longer published when its turn comes;
 * - one mail per address and comment: a mention, then a reply or the thread, then a followed commenter.
 */
export class Notifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private wakeTimer: NodeJS.Timeout | null = null;
  /** The next run also sends the digests that are due (the timer's runs and `runNow`'s, not every wake's). */
  private digestsToo = false;
  private readonly options: Required<NotifierOptions>;
  private readonly people: FollowNotices;

  constructor(
    private readonly store: Store,
    private readonly mail: MailService,
    private readonly siteName: (siteId: string) => MailSite & { queueUrl: string | null },
    private readonly now: () => number,
    private readonly log: NotifierLog,
    options: NotifierOptions = {},
  ) {
    this.options = { pollMs: 1000, batchSize: 50, digestEveryMs: DAY_MS, notifyModerators: false, ...options };
    this.people = new FollowNotices(mail, siteName, now);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.runNow(), this.options.pollMs);
    this.timer.unref();
  }

  /**
   * A comment was just posted or approved: look soon rather than at the next tick. Digests wait
   * for the timer (they are daily), so a busy thread's posts do not each look for due digests.
   */
  wake(): void {
    if (this.stopped || this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      void this.run(false);
    }, WAKE_DELAY_MS);
    this.wakeTimer.unref();
  }

  /** Notifies of every recorded comment and sends the digests that are due; a call during a run makes it look again. */
  runNow(): Promise<void> {
    return this.run(true);
  }

  private run(digests: boolean): Promise<void> {
    this.digestsToo ||= digests;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const withDigests = this.digestsToo;
          this.digestsToo = false;
          while (!this.stopped && (await this.notifyBatch()) === this.options.batchSize);
          while (!this.stopped && (await this.people.notifyArticles(this.store, this.options.batchSize, () => this.stopped)) === this.options.batchSize);
          if (withDigests && !this.stopped) await this.sendDueDigests();
          if (withDigests && !this.stopped) await this.people.sendDueDigests(this.store, this.options.digestEveryMs, this.options.batchSize, () => this.stopped);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, 'notifying subscribers failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    await this.running;
  }

  /**
   * Handles up to a batch of recorded comments in one transaction; resolves with how many were
   * looked at. One commit (and on SQLite one wait for the disk) per batch, not per comment: a busy
   * thread records comments faster than one commit each could keep up with, and the backlog took
   * the cores readers' pages need. A failure leaves the whole batch to be done again.
   */
  private async notifyBatch(): Promise<number> {
    const due = await this.store.subscriptions.dueNotifications(this.options.batchSize);
    if (due.length === 0 || this.stopped) return 0;
    await this.store.transaction(async (tx) => {
      for (const record of due) {
        if (this.stopped) break;
        if (!(await tx.subscriptions.claimNotification(record.id, this.now()))) continue;
        for (const mail of await this.mailsFor(tx, record)) await this.mail.queue(tx, mail);
      }
    });
    return due.length;
  }

  private async mailsFor(tx: Store, record: CommentNotificationRow): Promise<OutgoingMail[]> {
    const comment = await tx.comments.findComment(record.comment_id);
    if (!comment) return [];
    // Mail names the thread, never its count: adding up the count's pending changes costs more the busier the thread.
    const thread = await tx.comments.findThreadByIdToWrite(comment.thread_id);
    if (!thread) return [];
    const site = this.siteName(comment.site_id);
    if (record.reason === 'held') {
      if (!this.options.notifyModerators || comment.status !== 'pending') return [];
      const addresses = await tx.staff.moderatorAddresses(comment.site_id);
      return addresses.filter((to) => to !== comment.author_email?.toLowerCase()).map((to) => heldCommentMail(to, comment.site_id, site.name, thread, comment, site.queueUrl));
    }
    if (comment.status !== 'published') return [];
    if (record.reason === 'edited') return this.people.mentionsAddedByEdit(tx, comment, thread);
    const parent = comment.parent_id === null ? undefined : await tx.comments.findComment(comment.parent_id);
    // Addresses already told of this comment: a reader named in it hears of the mention alone.
    const covered = new Set<string>();
    const mails = await this.people.mentions(tx, comment, thread, covered);
    for (const { sub, isReply } of recipients(await tx.subscriptions.confirmedFor(thread.id), comment, parent)) {
      if (covered.has(sub.email)) continue;
      covered.add(sub.email);
      if (sub.delivery === 'daily') await tx.subscriptions.addDigestItem(sub.id, comment.id, this.now());
      else mails.push(notificationMail(sub, site.name, thread, comment, isReply));
    }
    mails.push(...(await this.people.commenterFollowers(tx, comment, thread, covered)));
    return mails;
  }

  private async sendDueDigests(): Promise<void> {
    const now = this.now();
    for (const due of await this.store.subscriptions.digestsDue(now - this.options.digestEveryMs, this.options.batchSize)) {
      if (this.stopped) return;
      await this.store.transaction(async (tx) => {
        const sub = await tx.subscriptions.lock(due.id);
        if (!sub || sub.last_digest_at === null || sub.last_digest_at > now - this.options.digestEveryMs) return;
        const ids = await tx.subscriptions.takeDigestItems(sub.id);
        await tx.subscriptions.update(sub.id, { last_digest_at: now });
        const thread = await tx.comments.findThreadByIdToWrite(sub.thread_id);
        // Removed since it was kept for the digest: left out.
        const comments = (await Promise.all(ids.map((id) => tx.comments.findComment(id)))).filter((c): c is CommentRow => c?.status === 'published');
        if (thread && comments.length > 0) await this.mail.queue(tx, digestMail(sub, this.siteName(sub.site_id).name, thread, comments));
      });
    }
  }
}

/**
 * Who hears of `comment`: one mail per address, the `replies` subscription preferred when the
 * comment answers that subscriber, and nobody about their own comment (same account, address or browser).
 */
export function recipients(subs: SubscriptionRow[], comment: CommentRow, parent: CommentRow | undefined): { sub: SubscriptionRow; isReply: boolean }[] {
  const wrote = (sub: SubscriptionRow, c: CommentRow) =>
    (sub.account_id !== null && c.account_id === sub.account_id) ||
    (c.author_email !== null && c.author_email.toLowerCase() === sub.email) ||
    (sub.reader_id !== null && c.reader_id === sub.reader_id);
  const byAddress = new Map<string, { sub: SubscriptionRow; isReply: boolean }>();
  for (const sub of subs) {
    if (wrote(sub, comment)) continue;
    const isReply = parent !== undefined && wrote(sub, parent);
    if (sub.kind === 'replies' && !isReply) continue;
    const chosen = byAddress.get(sub.email);
    if (!chosen || (isReply && !chosen.isReply) || (isReply && sub.kind === 'replies')) byAddress.set(sub.email, { sub, isReply });
  }
  return [...byAddress.values()];
}
