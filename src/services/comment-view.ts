import type { Comment } from '../shared/comment.js';
import type { ShownCommentRow } from '../store/comments.js';

/** Where a signed-in reader's picture and public page are; the HTTP layer serves both. */
export const avatarUrlOf = (accountId: number) => `/readers/${accountId}/avatar.svg`;
export const profileUrlOf = (accountId: number) => `/readers/${accountId}`;

function authorOf(row: ShownCommentRow): Comment['author'] {
  const author = { name: row.author_name, website: row.author_website };
  return row.account_id === null ? author : { ...author, avatarUrl: avatarUrlOf(row.account_id), profileUrl: profileUrlOf(row.account_id) };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What a reader may see of a stored comment: never the e-mail, reader id or edit token. */
export function toComment(row: ShownCommentRow, replyTo: string | null = null): Comment {
  const deleted = row.status === 'deleted';
  return {
    id: row.id,
    parentId: row.parent_id,
    author: deleted ? { name: '', website: null } : authorOf(row),
    html: deleted ? '' : row.body_html,
    createdAt: iso(row.created_at)!,
    editedAt: deleted ? null : iso(row.edited_at),
    editedBy: deleted ? null : row.edited_by,
    votes: { up: row.up, down: row.down },
    deleted,
    // Spam shows its author the same "awaiting moderation" as a held comment.
    ...(row.status === 'pending' || row.status === 'spam' ? { pending: true as const } : {}),
    replyTo,
    replies: [],
  };
}

/**
 * A comment as it stands in the thread for every reader: one hidden for a moderator (reported,
 * or held after an edit) keeps its place only as a placeholder, so its replies stay in view.
 */
export function toPlacedComment(row: ShownCommentRow, replyTo: string | null = null): Comment {
  if (row.status !== 'pending') return toComment(row, replyTo);
  return { ...toComment({ ...row, status: 'deleted' }, replyTo), hidden: true };
}
