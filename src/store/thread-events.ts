import type { Kysely } from 'kysely';
import type { Database, ThreadEventKind } from './schema.js';

export interface ThreadEventRow {
  seq: number;
  kind: ThreadEventKind;
  comment_id: number;
}

interface Noted {
  threadId: number;
  kind: ThreadEventKind;
  commentId: number;
  at: number;
}

/** Most events kept per thread: a page away longer than this many changes reloads the discussion. */
export const EVENTS_KEPT_PER_THREAD = 1000;

/**
 * The live page's replay log (migration 020). Changes are noted during a transaction and written
 * just before it commits, all threads in one order: two transactions that change the same two
 * threads then take the threads' numbers in the same order and never wait on each other in a circle.
 */
export class ThreadEventQueries {
  private readonly noted: Noted[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    /** Only a transaction's queries note events: the change and its event commit together. */
    private readonly inTransaction: boolean,
  ) {}

  /** Notes a change for the thread's open pages; written with the transaction it belongs to. */
  note(threadId: number, kind: ThreadEventKind, commentId: number, at: number): void {
    if (!this.inTransaction) throw new Error('A thread event is written in the transaction of its change.');
    this.noted.push({ threadId, kind, commentId, at });
  }

  /** Writes what was noted; `Store.commit` calls it last in the transaction. */
  async writeNoted(): Promise<void> {
    if (this.noted.length === 0) return;
    const byThread = new Map<number, Noted[]>();
    for (const event of this.noted.splice(0)) {
      const list = byThread.get(event.threadId) ?? [];
      list.push(event);
      byThread.set(event.threadId, list);
    }
    for (const threadId of [...byThread.keys()].sort((a, b) => a - b)) {
      const events = byThread.get(threadId)!;
      const n = events.length;
      const head = await this.db
        .insertInto('thread_event_heads')
        .values({ thread_id: threadId, last_seq: n })
        .onConflict((oc) => oc.column('thread_id').doUpdateSet((eb) => ({ last_seq: eb(eb.ref('thread_event_heads.last_seq'), '+', n) })))
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const last = Number(head.last_seq);
      const first = last - n + 1;
      await this.db
        .insertInto('thread_events')
        .values(events.map((e, i) => ({ thread_id: threadId, seq: first + i, kind: e.kind, comment_id: e.commentId, created_at: e.at })))
        .execute();
      // Trimmed by count every hundred events, so a busy thread's log stays short.
      if (Math.floor(last / 100) !== Math.floor((first - 1) / 100)) {
        await this.db.deleteFrom('thread_events').where('thread_id', '=', threadId).where('seq', '<=', last - EVENTS_KEPT_PER_THREAD).execute();
      }
    }
  }

  /** The thread's last event number; 0 before its first. */
  async head(threadId: number): Promise<number> {
    const row = await this.db.selectFrom('thread_event_heads').select('last_seq').where('thread_id', '=', threadId).executeTakeFirst();
    return row ? Number(row.last_seq) : 0;
  }

  /** Events after number `seq`, oldest first. */
  async after(threadId: number, seq: number, limit: number): Promise<ThreadEventRow[]> {
    const rows = await this.db
      .selectFrom('thread_events')
      .select(['seq', 'kind', 'comment_id'])
      .where('thread_id', '=', threadId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, comment_id: Number(r.comment_id) }));
  }

  /** Trims by age: events older than `cutoff` (epoch ms). */
  async deleteOlderThan(cutoff: number): Promise<number> {
    const result = await this.db.deleteFrom('thread_events').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
