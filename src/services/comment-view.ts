import type { Comment } from '../shared/comment.js';
import type { ShownCommentRow } from '../store/comments.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What a reader may see of a stored comment: never the e-mail, reader id or edit token. */
export function toComment(row: ShownCommentRow, replyTo: string | null = null): Comment {
  const deleted = row.status === 'deleted';
  return {
    id: row.id,
    parentId: row.parent_id,
    author: deleted ? { name: '', website: null } : { name: row.author_name, website: row.author_website },
    html: deleted ? '' : row.body_html,
    createdAt: iso(row.created_at)!,
    editedAt: deleted ? null : iso(row.edited_at),
    editedBy: deleted ? null : row.edited_by,
    votes: { up: row.up, down: row.down },
    deleted,
    ...(row.status === 'pending' ? { pending: true as const } : {}),
    replyTo,
    replies: [],
  };
}
