import type { EventBus } from '../adapters/bus/bus.js';
import type { LiveEvent } from '../shared/live.js';
import type { Store } from '../store/store.js';
import type { ThreadEventRow } from '../store/thread-events.js';
import { toComment } from './comment-view.js';
import { notFound } from './errors.js';

/** How long the replay log keeps an event: a page away longer loads the discussion again. */
export const EVENTS_KEPT_FOR_MS = 7 * 86_400_000;

export interface LiveThread {
  id: number;
  /** The same key on another site is another thread. */
  siteId: string;
  key: string;
}

export interface EventsAfter {
  events: LiveEvent[];
  /** Events after the asked number were trimmed from the log (or the number is not this thread's): reload. */
  missed: boolean;
  /** The last number read; events after it are still to come. */
  last: number;
}

/**
 * The live page's side of a thread: which changes came after the number a page saw, shown as the
 * page needs them. A comment's content is read when its event is sent, so an edit replays the
 * text as it is now, and a removed comment's text is never sent again.
 */
export class LiveEventService {
  private trimTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  async findThread(siteId: string, key: string): Promise<LiveThread> {
    const thread = await this.store.comments.findThreadToWrite(siteId, key);
    if (!thread) throw notFound('thread_not_found', `No discussion with key "${key}".`);
    return { id: thread.id, siteId: thread.site_id, key: thread.key };
  }

  /** The thread's last event number: a page that opens now starts after it. */
  head(threadId: number): Promise<number> {
    return this.store.threadEvents.head(threadId);
  }

  async after(threadId: number, seq: number, limit = 200): Promise<EventsAfter> {
    const rows = await this.store.threadEvents.after(threadId, seq, limit);
    if (rows[0]?.seq !== seq + 1) {
      const head = await this.head(threadId);
      // Either nothing happened since, or what happened was trimmed, or `seq` is from elsewhere.
      if (head !== seq || rows.length > 0) return { events: [], missed: true, last: head };
      return { events: [], missed: false, last: seq };
    }
    return { events: await this.show(rows), missed: false, last: rows.at(-1)!.seq };
  }

  /** Calls `handler` with a thread's site and key whenever something may have happened in it, on any instance. */
  watch(handler: (siteId: string, threadKey: string) => void): () => void {
    return this.bus.subscribe((event) => {
      if ('threadKey' in event) handler(event.siteId, event.threadKey);
    });
  }

  /** Trims the replay log by age now and every hour. */
  startTrimming(onError: (error: unknown) => void): void {
    const trim = () => void this.store.threadEvents.deleteOlderThan(this.now() - EVENTS_KEPT_FOR_MS).catch(onError);
    trim();
    this.trimTimer = setInterval(trim, 3_600_000);
    this.trimTimer.unref();
  }

  stop(): void {
    if (this.trimTimer) clearInterval(this.trimTimer);
    this.trimTimer = null;
  }

  private async show(rows: ThreadEventRow[]): Promise<LiveEvent[]> {
    const comments = new Map((await this.store.comments.shownByIds([...new Set(rows.map((r) => r.comment_id))])).map((c) => [c.id, c]));
    const parentIds = [...new Set([...comments.values()].flatMap((c) => (c.parent_id === null ? [] : [c.parent_id])))];
    const names = await this.store.comments.authorNames(parentIds);
    return rows.map((row): LiveEvent => {
      const comment = comments.get(row.comment_id);
      if (row.kind === 'removed') return { seq: row.seq, type: 'removed', id: row.comment_id };
      // Gone since (deleted, held, rejected): its own removal event says so; nothing of it is sent.
      if (!comment || comment.status !== 'published') return { seq: row.seq, type: 'skip' };
      if (row.kind === 'votes') return { seq: row.seq, type: 'votes', id: comment.id, votes: { up: comment.up, down: comment.down } };
      const shown = toComment(comment, comment.parent_id === null ? null : (names.get(comment.parent_id) ?? null));
      return { seq: row.seq, type: row.kind, comment: shown };
    });
  }
}
