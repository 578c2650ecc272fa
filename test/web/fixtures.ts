import type { Comment, DiscussionOptions, ThreadPage } from '../../src/shared/comment.js';

export const options: DiscussionOptions = { maxDepth: 2, editWindowMinutes: 15, requireEmail: false, minLength: 2, maxLength: 5000, nameMaxLength: 60 };

export const now = Date.parse('2026-11-26T14:05:00Z');

export function comment(id: number, fields: Partial<Comment> = {}): Comment {
  return {
    id,
    parentId: null,
    author: { name: `Reader ${id}`, website: null },
    html: `<p>Comment number ${id}.</p>`,
    createdAt: new Date(Date.parse('2026-08-26T10:00:00Z') + id * 60_000).toISOString(),
    editedAt: null,
    editedBy: null,
    votes: { up: 0, down: 0 },
    deleted: false,
    replyTo: null,
    replies: [],
    ...fields,
  };
}

export function page(comments: Comment[], fields: Partial<ThreadPage> = {}): ThreadPage {
  return { key: 'harbour-bridge', title: 'Harbour bridge', closed: false, count: comments.length, sort: 'oldest', comments, nextCursor: null, hasEarlier: false, ...fields };
}
