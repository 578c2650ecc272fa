import { randomBytes } from 'node:crypto';
import type { FollowRow, FollowTarget } from '../store/follows.js';
import type { Store } from '../store/store.js';
import { ServiceError, invalid, notFound } from './errors.js';
import type { ReaderAccount } from './reader-accounts.js';

export type FollowDelivery = 'now' | 'daily';
export type MentionDelivery = 'now' | 'daily' | 'off';

/** One of the reader's follows as their settings page shows it. */
export interface Follow {
  id: number;
  kind: 'author' | 'commenter';
  name: string;
  delivery: FollowDelivery;
}

/** What a reader chose about mail that concerns them as a person rather than a thread. */
export interface NotificationSettings {
  /** Others may follow this reader's comments. Off until they turn it on. */
  allowFollowers: boolean;
  /** How comments naming them are mailed. */
  mentions: MentionDelivery;
}

/** What an unsubscribe link of a follow or of mention mails stops. */
export interface PersonalLink {
  kind: 'follow' | 'mentions';
  email: string;
  /** "the new articles of Maya Okafor", "mails about mentions of you". */
  what: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const notFollowable = (name: string) => new ServiceError('forbidden', 'not_followable', `${name} does not let readers follow their comments.`);

/**
 * Following people: a signed-in reader follows an author (new articles) or a commenter who allows
 * it (their new published comments), each at once or in a daily digest, and chooses how mentions
 * of them are mailed. Only an account with a proven address can follow: that is where the mail goes.
 * Each follow's mails carry its own unsubscribe link; mention mails one per reader or author.
 */
export class FollowService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async followAuthor(account: ReaderAccount, authorSlug: string, delivery: FollowDelivery, origin: string): Promise<Follow> {
    const author = await this.store.articles.findAuthorBySlug(account.siteId, authorSlug);
    if (!author) throw notFound('author_not_found', `No author "${authorSlug}" on this site.`);
    return this.follow(account, { kind: 'author', id: author.id }, author.name, delivery, origin);
  }

  /** Follows whoever wrote comment `commentId`: a signed-in reader who allows followers, never oneself. */
  async followCommenterOf(account: ReaderAccount, commentId: number, delivery: FollowDelivery, origin: string): Promise<Follow> {
    const comment = await this.store.comments.findComment(commentId);
    if (!comment || comment.status !== 'published' || comment.site_id !== account.siteId) throw notFound('comment_not_found', `No comment with id ${commentId}.`);
    if (comment.account_id === null) throw notFollowable(comment.author_name);
    return this.followCommenter(account, comment.account_id, delivery, origin, 'commentId');
  }

  /** Follows reader `commenterId` of the same site (from their public page), if they allow followers. */
  async followCommenter(account: ReaderAccount, commenterId: number, delivery: FollowDelivery, origin: string, field = 'readerId'): Promise<Follow> {
    const commenter = await this.store.readerAccounts.findAccount(account.siteId, commenterId);
    if (!commenter) throw notFound('reader_not_found', 'There is no reader with this number on this site.');
    if (commenter.id === account.id) throw invalid('own_comment', field, 'You cannot follow yourself.');
    if (!(await this.store.follows.allowsFollowers(commenter.id))) throw notFollowable(commenter.name);
    return this.follow(account, { kind: 'commenter', id: commenter.id }, commenter.name, delivery, origin);
  }

  private async follow(account: ReaderAccount, target: FollowTarget, name: string, delivery: FollowDelivery, origin: string): Promise<Follow> {
    if (!account.email) throw invalid('email_required', 'email', 'Your account has no e-mail address to send these mails to.');
    const now = this.now();
    const row = await this.store.transaction(async (tx) => {
      const existing = await tx.follows.find(account.id, target);
      if (existing) return tx.follows.update(existing.id, { delivery, origin });
      return tx.follows.insert({
        site_id: account.siteId,
        follower_id: account.id,
        kind: target.kind,
        author_id: target.kind === 'author' ? target.id : null,
        commenter_id: target.kind === 'commenter' ? target.id : null,
        delivery,
        token: randomBytes(32).toString('base64url'),
        origin,
        created_at: now,
        // A daily digest's first day starts now.
        last_digest_at: now,
      });
    });
    return toFollow(row, name);
  }

  /** The site's authors a reader may follow. */
  authors(siteId: string): Promise<{ slug: string; name: string }[]> {
    return this.store.follows.authorsOfSite(siteId);
  }

  /** Changes how one of the reader's own follows is delivered. */
  async setDelivery(account: ReaderAccount, followId: number, delivery: FollowDelivery): Promise<void> {
    await this.store.follows.update((await this.own(account, followId)).id, { delivery });
  }

  /** Ends one of the reader's own follows. */
  async unfollow(account: ReaderAccount, followId: number): Promise<void> {
    await this.store.follows.delete((await this.own(account, followId)).id);
  }

  async list(account: ReaderAccount): Promise<{ follows: Follow[]; settings: NotificationSettings }> {
    const [rows, settings] = await Promise.all([this.store.follows.listFor(account.id), this.settings(account)]);
    return { follows: rows.map((r) => toFollow(r, r.name)), settings };
  }

  async settings(account: ReaderAccount): Promise<NotificationSettings> {
    const row = await this.store.follows.readerSettings(account.id);
    return { allowFollowers: row?.allow_followers === 1, mentions: row?.mention_delivery ?? 'now' };
  }

  /** Turning followers off ends every follow of the reader's comments: they asked not to be followed. */
  async updateSettings(account: ReaderAccount, changes: Partial<NotificationSettings>): Promise<NotificationSettings> {
    await this.store.transaction(async (tx) => {
      const before = await tx.follows.readerSettings(account.id);
      await tx.follows.updateReaderSettings(account.id, {
        ...(changes.allowFollowers !== undefined ? { allow_followers: changes.allowFollowers ? 1 : 0 } : {}),
        ...(changes.mentions !== undefined ? { mention_delivery: changes.mentions } : {}),
        // A daily digest's first day starts when the reader chooses it.
        ...(changes.mentions === 'daily' && before?.mention_delivery !== 'daily' ? { mention_digest_at: this.now() } : {}),
      });
      if (changes.allowFollowers === false) await tx.follows.deleteFollowersOf(account.id);
    });
    return this.settings(account);
  }

  /** What an unsubscribe link stops; undefined when it is not a follow's or mentions' link (or was used). */
  async describeLink(token: string): Promise<PersonalLink | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const follow = await this.store.follows.findByToken(token);
    if (follow) {
      const follower = await this.store.readerAccounts.findAccount(follow.site_id, follow.follower_id);
      const name = (await this.store.follows.listFor(follow.follower_id)).find((f) => f.id === follow.id)?.name ?? 'someone';
      return { kind: 'follow', email: follower?.email ?? '', what: `${follow.kind === 'author' ? 'the new articles' : 'the comments'} of ${name}` };
    }
    const mentioned = await this.store.follows.findMentionToken(token);
    if (mentioned && mentioned.mention_delivery !== 'off') return { kind: 'mentions', email: mentioned.email ?? '', what: 'comments that mention you' };
    return undefined;
  }

  /** One click, no sign-in: ends the follow, or turns mention mails off. False when the link stops nothing any more. */
  async unsubscribe(token: string): Promise<boolean> {
    if (!TOKEN.test(token)) return false;
    const follow = await this.store.follows.findByToken(token);
    if (follow) return this.store.follows.delete(follow.id);
    const mentioned = await this.store.follows.findMentionToken(token);
    if (!mentioned || mentioned.mention_delivery === 'off') return false;
    await this.store.follows.stopMentions(mentioned.who, mentioned.id);
    return true;
  }

  private async own(account: ReaderAccount, followId: number): Promise<FollowRow> {
    const row = await this.store.follows.findById(followId);
    if (!row || row.follower_id !== account.id) throw notFound('follow_not_found', `You follow nothing with id ${followId}.`);
    return row;
  }
}

function toFollow(row: FollowRow, name: string): Follow {
  return { id: row.id, kind: row.kind, name, delivery: row.delivery };
}
