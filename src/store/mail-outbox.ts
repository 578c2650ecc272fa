import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Dialect } from './db.js';
import type { Database, MailOutboxTable } from './schema.js';

export type OutboxMailRow = Selectable<MailOutboxTable>;
export type NewOutboxMail = Omit<Insertable<MailOutboxTable>, 'id' | 'state' | 'attempts' | 'last_error' | 'sent_at'>;

export class MailOutboxQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  insert(mail: NewOutboxMail): Promise<OutboxMailRow> {
    return this.db
      .insertInto('mail_outbox')
      .values({ ...mail, state: 'queued', attempts: 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Takes up to `limit` due mails for this worker: each one's next attempt moves `leaseMs` ahead and
   * its attempts count up, in one statement. Another instance's claim skips rows this one holds
   * (SKIP LOCKED on PostgreSQL; SQLite runs one writing statement at a time), and a worker that dies
   * holding a mail leaves it to be claimed again when the lease runs out.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMailRow[]> {
    const due = this.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('state', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked());
    return this.db
      .updateTable('mail_outbox')
      .set((eb) => ({ next_attempt_at: now + leaseMs, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', due)
      .returningAll()
      .execute()
      .then((rows) => rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id));
  }

  async markSent(id: number, now: number): Promise<void> {
    await this.db.updateTable('mail_outbox').set({ state: 'sent', sent_at: now, last_error: null }).where('id', '=', id).execute();
  }

  /** A failed attempt: tried again at `retryAt`, or given up on (`retryAt` null) with the reason kept. */
  async markFailed(id: number, error: string, retryAt: number | null): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set(retryAt === null ? { state: 'failed', last_error: error } : { next_attempt_at: retryAt, last_error: error })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .execute();
  }

  /** Gives back claimed mails this worker will not try after all (it is stopping): due again at once, the claim not counted. */
  async release(ids: number[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('mail_outbox')
      .set((eb) => ({ next_attempt_at: now, attempts: eb('attempts', '-', 1) }))
      .where('id', 'in', ids)
      .where('state', '=', 'queued')
      .execute();
  }
}
