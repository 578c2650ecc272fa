import type { CommentSort } from '../shared/comment.js';
import type { ReplyPosition, TopLevelPosition } from '../store/comments.js';
import { invalid } from './errors.js';

/**
 * Cursors are opaque to clients: the sort key of the last comment shown, so the next page
 * starts right after it however many comments arrive in between (keyset paging, never OFFSET).
 */
export function encodeTopLevelCursor(sort: CommentSort, p: TopLevelPosition): string {
  return Buffer.from(JSON.stringify([sort, p.createdAt, p.score, p.id])).toString('base64url');
}

export function decodeTopLevelCursor(sort: CommentSort, cursor: string): TopLevelPosition {
  const parts = decode(cursor);
  if (parts.length !== 4 || parts[0] !== sort || !parts.slice(1).every(Number.isSafeInteger)) {
    throw invalid('invalid_cursor', 'cursor', `cursor does not belong to the "${sort}" order of this thread; start again without it`);
  }
  const [, createdAt, score, id] = parts as [string, number, number, number];
  return { createdAt, score, id };
}

export function encodeReplyCursor(p: ReplyPosition): string {
  return Buffer.from(JSON.stringify(['replies', p.createdAt, p.id])).toString('base64url');
}

export function decodeReplyCursor(cursor: string): ReplyPosition {
  const parts = decode(cursor);
  if (parts.length !== 3 || parts[0] !== 'replies' || !parts.slice(1).every(Number.isSafeInteger)) {
    throw invalid('invalid_cursor', 'cursor', 'cursor is not a replies cursor; start again without it');
  }
  const [, createdAt, id] = parts as [string, number, number];
  return { createdAt, id };
}

function decode(cursor: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw invalid('invalid_cursor', 'cursor', 'cursor is malformed; use the nextCursor value from the previous page');
}
