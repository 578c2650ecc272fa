/**
 * The comment as the API returns it and the widget renders it; shared by server and browser.
 * Times are ISO 8601 strings.
 */
export interface Comment {
  id: number;
  /** The comment this one answers (its true parent, even when shown at a shallower level). */
  parentId: number | null;
  /** A signed-in reader's comment also links their picture and profile page; a guest's has neither. */
  author: { name: string; website: string | null; avatarUrl?: string; profileUrl?: string };
  html: string;
  createdAt: string;
  editedAt: string | null;
  editedBy: string | null;
  votes: { up: number; down: number };
  /** Deleted by its author or staff but kept as a placeholder because it has replies. */
  deleted: boolean;
  /** With `deleted`: a placeholder for a comment hidden until a moderator reviews it. */
  hidden?: true;
  /** Held for a moderator: only its author ever receives it, to show it as "awaiting moderation". */
  pending?: true;
  /** Name of the author of the comment this one answers, for "reply to NAME". */
  replyTo: string | null;
  replies: Comment[];
  /** Top-level comments only: every shown reply in the branch. */
  replyCount?: number;
  /** Top-level comments only: where "Load more replies" continues, or null when all are shown. */
  moreReplies?: string | null;
  /** A comment on a passage of the article: the passage as the article reads now. */
  anchor?: PassageAnchor;
}

/**
 * Where a passage is in the article's plain text: the quoted text, some text around it, and its
 * offset (W3C Web Annotation TextQuoteSelector and TextPositionSelector). `detached` when the
 * article no longer holds the passage: the quote is still shown, with nothing to point at.
 */
export interface PassageAnchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  detached?: true;
}

export type CommentSort = 'oldest' | 'newest' | 'votes';

export const commentSorts: readonly CommentSort[] = ['oldest', 'newest', 'votes'];

export interface ThreadPage {
  key: string;
  title: string;
  closed: boolean;
  /** Every comment a reader can see, replies included: the "13 Comments". */
  count: number;
  sort: CommentSort;
  comments: Comment[];
  nextCursor: string | null;
  /** When opened from a permalink: true if the page does not start at the first comment. */
  hasEarlier: boolean;
  /** The thread's last live event number when this page was read: the page's event stream starts after it. */
  liveFrom?: number;
}

/** Settings the widget needs to behave like the server. */
export interface DiscussionOptions {
  maxDepth: number;
  editWindowMinutes: number;
  requireEmail: boolean;
  minLength: number;
  maxLength: number;
  nameMaxLength: number;
}
