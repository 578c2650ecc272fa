import type { Comment } from './comment.js';

/**
 * What a thread's event stream (`GET /api/v1/threads/{key}/events`) tells an open page; shared by
 * the server and the widget. `seq` is the event's `id:` on the stream, numbered per thread.
 */
export type LiveEvent =
  /** A new comment, or one a moderator approved. */
  | { seq: number; type: 'published'; comment: Comment }
  | { seq: number; type: 'edited'; comment: Comment }
  /** Deleted by its author or staff, held after reports or an edit, or rejected: it leaves the page. */
  | { seq: number; type: 'removed'; id: number }
  | { seq: number; type: 'votes'; id: number; votes: { up: number; down: number } }
  /** A change that has nothing left to show (the comment has gone since): only its number counts. */
  | { seq: number; type: 'skip' };

/** The stream's event names: each event's `event:` field, its data the JSON of the rest. */
export const LIVE_EVENT_TYPES = ['published', 'edited', 'removed', 'votes'] as const;
/** Sent when the page missed more than the server kept: it should load the discussion again. */
export const LIVE_RELOAD_EVENT = 'reload';
