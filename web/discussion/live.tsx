import type { Comment } from '../../src/shared/comment.js';
import { LIVE_RELOAD_EVENT, type LiveEvent } from '../../src/shared/live.js';
import './live.css';

export interface LiveHandlers {
  published(comment: Comment): void;
  edited(comment: Comment): void;
  removed(id: number): void;
  votes(id: number, votes: Comment['votes']): void;
  /** The page missed more than the server kept: load the discussion again. */
  reload(): void;
}

/**
 * Follows the thread's event stream from the number the page was rendered with; the browser's
 * EventSource reconnects by itself and resumes with `Last-Event-ID`, so nothing is missed or
 * shown twice. Without EventSource the page simply stays as loaded.
 */
export function followThread(threadKey: string, liveFrom: number | undefined, handlers: LiveHandlers): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const from = liveFrom === undefined ? '' : `?lastEventId=${liveFrom}`;
  const source = new EventSource(`/api/v1/threads/${encodeURIComponent(threadKey)}/events${from}`);
  const on = <T extends LiveEvent['type']>(type: T, handle: (event: Extract<LiveEvent, { type: T }>) => void) =>
    source.addEventListener(type, (message) => handle(JSON.parse((message as MessageEvent<string>).data) as Extract<LiveEvent, { type: T }>));
  on('published', (e) => handlers.published(e.comment));
  on('edited', (e) => handlers.edited(e.comment));
  on('removed', (e) => handlers.removed(e.id));
  on('votes', (e) => handlers.votes(e.id, e.votes));
  source.addEventListener(LIVE_RELOAD_EVENT, () => handlers.reload());
  return () => source.close();
}

/** Others' new comments wait behind this button, so the page never moves under the reader. */
export function NewComments({ count, show }: { count: number; show: () => void }) {
  if (count === 0) return null;
  return (
    <button type="button" class="tb-new-comments" onClick={show}>
      {count === 1 ? '1 new comment' : `${count} new comments`}
    </button>
  );
}

/** The floating bubble: the discussion's size, and what arrived since the page was opened. */
export function Bubble({ count, fresh, go }: { count: number; fresh: number; go: () => void }) {
  return (
    <button type="button" class="tb-bubble" onClick={go}>
      <span class="tb-bubble-count">{count}</span>
      {fresh > 0 && <span class="tb-bubble-new">{fresh} new</span>}
      <span class="tb-bubble-text">Would love your thoughts, please comment.</span>
    </button>
  );
}
