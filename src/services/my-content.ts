import type { EventBus } from '../adapters/bus/bus.js';
import type { BanService } from './bans.js';
import type { Actor } from './actor.js';
import type { Site } from '../shared/site.js';
import type { OwnCommentRow } from '../store/reader-content.js';
import type { Store } from '../store/store.js';
import { invalid } from './errors.js';
import { cleanName, toAccount, type ReaderAccount } from './reader-accounts.js';

/** The name comments keep once their author deleted their account and the site keeps the comments. */
export const DELETED_READER_NAME = 'Deleted reader';
const PAGE_SIZE = 50;

export type DeletedReaderComments = 'anonymise' | 'remove';

/** One of the reader's own comments as they see it: whatever its status, with where it was posted. */
export interface OwnComment {
  id: number;
  parentId: number | null;
  /** published, or pending (waiting for a moderator), spam or rejected: the author may know. */
  status: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  votes: { up: number; down: number };
  thread: { key: string; title: string };
  /** The comment on its article page, when the thread is one of this site's articles and readers can see it. */
  url: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function ownComment(row: OwnCommentRow): OwnComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    status: row.status,
    html: row.body_html,
    createdAt: iso(row.created_at)!,
    editedAt: iso(row.edited_at),
    votes: { up: row.up, down: row.down },
    thread: { key: row.thread_key, title: row.thread_title },
    url: row.article_id !== null && row.status === 'published' ? `/articles/${encodeURIComponent(row.thread_key)}?comment=${row.id}` : null,
  };
}

/**
 * "My content and settings": a signed-in reader's own comments, their name, all their data to
 * take away, their guest comments to claim, and deleting their account. Every method acts on the
 * account it is given, which the HTTP layer takes from the session: there is no way to name another.
 */
export class MyContentService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly bans: BanService,
    private readonly settings: { nameMaxLength: number; deletedReaderComments: DeletedReaderComments },
    private readonly now: () => number,
  ) {}

  async comments(account: ReaderAccount, before?: number): Promise<{ comments: OwnComment[]; nextBefore: number | null }> {
    const rows = await this.store.readerContent.commentsOf(account.id, { ...(before !== undefined ? { before } : {}), limit: PAGE_SIZE + 1 });
    const page = rows.slice(0, PAGE_SIZE);
    return { comments: page.map(ownComment), nextBefore: rows.length > PAGE_SIZE ? page.at(-1)!.id : null };
  }

  /** The reader's new name, on their account and on every comment they wrote, open pages too: not for a banned reader, it changes what others see. */
  async rename(account: ReaderAccount, raw: unknown, actor: Actor): Promise<ReaderAccount> {
    await this.bans.refuseIfBanned(actor);
    const name = typeof raw === 'string' ? cleanName(raw) : null;
    if (name === null) throw invalid('name_required', 'name', 'Enter the name to show with your comments.');
    if ([...name].length > this.settings.nameMaxLength) throw invalid('name_too_long', 'name', `A name is at most ${this.settings.nameMaxLength} characters.`);
    const updated = await this.store.transaction(async (tx) => {
      const row = await tx.readerAccounts.updateAccount(account.id, { name });
      await tx.readerContent.renameAuthor(account.id, name);
      // Open pages show the new name on each comment; replies keep "in reply to" the old one until reloaded.
      for (const comment of await tx.readerContent.shownOrWaitingOf(account.id)) {
        if (comment.status === 'published') tx.threadEvents.note(comment.thread_id, 'edited', comment.id, this.now());
      }
      return row;
    });
    await this.threadsChanged(account.siteId, await this.store.readerContent.threadKeysOf(account.id));
    return toAccount(updated);
  }

  /**
   * Everything Tribune holds about the reader, as JSON they can keep: the account, every comment
   * with its thread and status, votes, the discussions they subscribed to, whom they follow and
   * their notification settings.
   */
  async export(account: ReaderAccount, site: Site, browserReaderId: string | null) {
    const [comments, votes, subscriptions, follows, settings] = await Promise.all([
      this.store.readerContent.commentsOf(account.id),
      browserReaderId ? this.store.readerContent.votesBy(browserReaderId) : [],
      this.store.subscriptions.ofReader(account.siteId, account.id, account.email),
      this.store.follows.listFor(account.id),
      this.store.follows.readerSettings(account.id),
    ]);
    return {
      exportedAt: new Date(this.now()).toISOString(),
      site: { id: site.id, name: site.name },
      account: { id: account.id, name: account.name, email: account.email, createdAt: iso(account.createdAt) },
      comments: comments.map((row) => ({ ...ownComment(row), body: row.body_md })),
      // Votes are counted per browser: these are the ones cast from the browser that asked for this file.
      votes: votes.map((v) => ({ commentId: v.comment_id, value: v.value, createdAt: iso(v.created_at) })),
      subscriptions: subscriptions.map((s) => ({
        thread: { key: s.thread_key, title: s.thread_title },
        kind: s.kind,
        email: s.email,
        delivery: s.delivery,
        confirmed: s.confirmed_at !== null,
        createdAt: iso(s.created_at),
      })),
      follows: follows.map((f) => ({ kind: f.kind, name: f.name, delivery: f.delivery, createdAt: iso(f.created_at) })),
      notifications: { allowFollowers: settings?.allow_followers === 1, mentions: settings?.mention_delivery ?? 'now' },
    };
  }

  /** How many comments the reader posted as a guest with their verified address, not yet claimed. */
  async guestCommentsToClaim(account: ReaderAccount): Promise<number> {
    if (!account.email) return 0;
    return this.store.readerContent.countGuestComments(account.siteId, account.email);
  }

  /**
   * Makes the reader's guest comments theirs: only those whose stored guest e-mail is the address
   * this account proved it owns (an address typed into a guest form proves nothing by itself).
   * Not for a banned reader: it puts their name on more comments. Seeing, taking away and
   * deleting one's own data stay open to everyone.
   */
  async claimGuestComments(account: ReaderAccount, actor: Actor): Promise<number> {
    await this.bans.refuseIfBanned(actor);
    if (!account.email) return 0;
    const claimed = await this.store.transaction((tx) => tx.readerContent.claimGuestComments(account.siteId, account.email!, account));
    if (claimed > 0) await this.threadsChanged(account.siteId, await this.store.readerContent.threadKeysOf(account.id));
    return claimed;
  }

  /**
   * Deletes the account. Its comments stay as by a deleted reader, or are removed (emptied, with
   * their earlier versions; a comment with replies stays as a placeholder), as the site chooses.
   * Either way nothing is left that says who wrote them.
   */
  async deleteAccount(account: ReaderAccount, site: Site): Promise<{ comments: DeletedReaderComments }> {
    const policy = site.settings.deletedReaderComments ?? this.settings.deletedReaderComments;
    const threads = await this.store.readerContent.threadKeysOf(account.id);
    await this.store.transaction(async (tx) => {
      const comments = await tx.readerContent.shownOrWaitingOf(account.id);
      if (policy === 'remove') {
        for (const comment of comments) {
          if (comment.status === 'published') await tx.comments.adjustShownCounts(comment, -1);
        }
        await tx.readerContent.removeCommentsOf(account.id);
      }
      // Open pages drop the comments, or show them as by a deleted reader.
      for (const comment of comments) {
        if (comment.status === 'published') tx.threadEvents.note(comment.thread_id, policy === 'remove' ? 'removed' : 'edited', comment.id, this.now());
      }
      await tx.readerContent.anonymiseCommentsOf(account.id, DELETED_READER_NAME);
      await tx.readerContent.closeAccount(account, DELETED_READER_NAME, this.now());
    });
    await this.threadsChanged(account.siteId, threads);
    return { comments: policy };
  }

  /** An account belongs to one site: so do the threads it wrote in. */
  private async threadsChanged(siteId: string, keys: string[]): Promise<void> {
    for (const threadKey of keys) this.bus.publish({ type: 'thread.changed', siteId, threadKey });
  }
}
