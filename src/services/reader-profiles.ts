import type { Store } from '../store/store.js';
import { avatarUrlOf, profileUrlOf } from './comment-view.js';
import { ownComment, type OwnComment } from './my-content.js';

const PAGE_SIZE = 20;

/** A reader as anyone sees them on their profile page: never their address. */
export interface ReaderProfile {
  id: number;
  name: string;
  avatarUrl: string;
  profileUrl: string;
  /** When the account was made (ISO). */
  since: string;
  /** Their comments readers can see, on the whole site. */
  publishedCount: number;
  comments: OwnComment[];
  /** Pass as `before` for the next, older page; null on the last. */
  nextBefore: number | null;
  /** They let other readers follow their comments (a setting of theirs, off until they turn it on). */
  allowsFollowers: boolean;
}

/** Readers' public profile pages, linked from their name, picture and @mentions. */
export class ReaderProfileService {
  constructor(private readonly store: Store) {}

  /** The profile of a live account of this site, or null (unknown, another site's, or deleted). */
  async profile(siteId: string, accountId: number, before?: number): Promise<ReaderProfile | null> {
    const account = await this.store.readerAccounts.findAccount(siteId, accountId);
    if (!account) return null;
    const [rows, publishedCount, allowsFollowers] = await Promise.all([
      this.store.readerContent.publishedCommentsOf(account.id, { ...(before !== undefined ? { before } : {}), limit: PAGE_SIZE + 1 }),
      this.store.readerContent.countPublishedOf(account.id),
      this.store.follows.allowsFollowers(account.id),
    ]);
    const page = rows.slice(0, PAGE_SIZE);
    return {
      id: account.id,
      name: account.name,
      avatarUrl: avatarUrlOf(account.id),
      profileUrl: profileUrlOf(account.id),
      since: new Date(account.created_at).toISOString(),
      publishedCount,
      comments: page.map(ownComment),
      nextBefore: rows.length > PAGE_SIZE ? page.at(-1)!.id : null,
      allowsFollowers,
    };
  }
}
