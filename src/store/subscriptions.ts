import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Dialect } from './db.js';
import type { CommentNotificationTable, Database, SubscriptionTable } from './schema.js';

export type SubscriptionRow = Selectable<SubscriptionTable>;
export type CommentNotificationRow = Selectable<CommentNotificationTable>;

/** Who follows which thread, the comments waiting to be notified of, and the daily digests' items. */
export class SubscriptionQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  find(threadId: number, kind: SubscriptionRow['kind'], email: string): Promise<SubscriptionRow | undefined> {
    return this.db.selectFrom('subscriptions').selectAll().where('thread_id', '=', threadId).where('kind', '=', kind).where('email', '=', email).executeTakeFirst();
  }

  findByToken(token: string): Promise<SubscriptionRow | undefined> {
    return this.db.selectFrom('subscriptions').selectAll().where('token', '=', token).executeTakeFirst();
  }

  insert(row: Insertable<SubscriptionTable>): Promise<SubscriptionRow> {
    return this.db.insertInto('subscriptions').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, changes: Partial<Pick<SubscriptionRow, 'confirmed_at' | 'confirmation_sent_at' | 'delivery' | 'account_id' | 'origin' | 'last_digest_at'>>): Promise<SubscriptionRow> {
    return this.db.updateTable('subscriptions').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** Ends a subscription; true when there was one. */
  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * The subscriptions that are the reader's: made while signed in, or to the address their account
   * proved (a guest form's, confirmed or not), with the discussion each follows.
   */
  ofReader(siteId: string, accountId: number, email: string | null): Promise<(SubscriptionRow & { thread_key: string; thread_title: string })[]> {
    return this.db
      .selectFrom('subscriptions')
      .innerJoin('threads', 'threads.id', 'subscriptions.thread_id')
      .selectAll('subscriptions')
      .select(['threads.key as thread_key', 'threads.title as thread_title'])
      .where('subscriptions.site_id', '=', siteId)
      .where((eb) => (email === null ? eb('subscriptions.account_id', '=', accountId) : eb.or([eb('subscriptions.account_id', '=', accountId), eb('subscriptions.email', '=', email)])))
      .orderBy('subscriptions.id')
      .execute();
  }

  /** The confirmed subscriptions of a thread. */
  confirmedFor(threadId: number): Promise<SubscriptionRow[]> {
    return this.db.selectFrom('subscriptions').selectAll().where('thread_id', '=', threadId).where('confirmed_at', 'is not', null).orderBy('id').execute();
  }

  /** Written in the transaction that publishes or holds the comment; a second time for the same reason is ignored. */
  async noteComment(commentId: number, reason: CommentNotificationRow['reason'], now: number): Promise<void> {
    await this.db
      .insertInto('comment_notifications')
      .values({ comment_id: commentId, reason, created_at: now, processed_at: null })
      .onConflict((oc) => oc.columns(['comment_id', 'reason']).doNothing())
      .execute();
  }

  /** A published comment was edited: its mentions are looked at again (the same row, due once more). */
  async noteEdit(commentId: number, now: number): Promise<void> {
    await this.db
      .insertInto('comment_notifications')
      .values({ comment_id: commentId, reason: 'edited', created_at: now, processed_at: null })
      .onConflict((oc) => oc.columns(['comment_id', 'reason']).doUpdateSet({ created_at: now, processed_at: null }))
      .execute();
  }

  /** The oldest comments still to notify of. */
  dueNotifications(limit: number): Promise<CommentNotificationRow[]> {
    return this.db.selectFrom('comment_notifications').selectAll().where('processed_at', 'is', null).orderBy('id').limit(limit).execute();
  }

  /**
   * Takes one notification for this transaction; false when another worker took it first. On
   * PostgreSQL the update waits for a competing transaction and then finds the row processed.
   */
  async claimNotification(id: number, now: number): Promise<boolean> {
    const result = await this.db.updateTable('comment_notifications').set({ processed_at: now }).where('id', '=', id).where('processed_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addDigestItem(subscriptionId: number, commentId: number, now: number): Promise<void> {
    await this.db
      .insertInto('digest_items')
      .values({ subscription_id: subscriptionId, comment_id: commentId, created_at: now })
      .onConflict((oc) => oc.columns(['subscription_id', 'comment_id']).doNothing())
      .execute();
  }

  /** Daily subscriptions with something waiting whose last digest went out before `before`. */
  async digestsDue(before: number, limit: number): Promise<SubscriptionRow[]> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('delivery', '=', 'daily')
      .where('last_digest_at', '<=', before)
      .where((eb) => eb.exists(eb.selectFrom('digest_items').select('digest_items.id').whereRef('digest_items.subscription_id', '=', 'subscriptions.id')))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Locks the subscription for its digest (PostgreSQL); null when it was deleted meanwhile. */
  lock(id: number): Promise<SubscriptionRow | undefined> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '=', id)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
  }

  /** The digest's items, oldest first, taken out of the table. */
  async takeDigestItems(subscriptionId: number): Promise<number[]> {
    const rows = await this.db.deleteFrom('digest_items').where('subscription_id', '=', subscriptionId).returning(['comment_id', 'id']).execute();
    return rows.sort((a, b) => a.id - b.id).map((r) => r.comment_id);
  }
}
