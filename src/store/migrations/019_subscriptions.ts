import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/**
 * Following a discussion by e-mail. A subscription is one address's interest in one thread (every
 * new comment, or the replies to their own); a guest's counts once the address is confirmed.
 * `comment_notifications` is the durable record of "this comment may need mailing about", written
 * in the transaction that publishes (or holds) the comment, so notifying happens after the
 * request, exactly once, and survives a crash. `digest_items` are notifications kept for a daily mail.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('subscriptions'), dialect)
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    // `thread`: every new comment; `replies`: replies to this address's own comments.
    .addColumn('kind', 'text', (c) => c.notNull())
    // Lower-case; where the notifications go.
    .addColumn('email', 'text', (c) => c.notNull())
    // The signed-in reader who subscribed; their comments are recognised by account, not only by address.
    .addColumn('account_id', 'bigint', (c) => c.references('reader_accounts.id').onDelete('cascade'))
    // The browser (reader cookie) that subscribed: its comments are the subscriber's own too.
    .addColumn('reader_id', 'text')
    // In the confirmation and unsubscribe links; only ever lets its holder confirm or end this subscription.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    // The scheme and host the reader subscribed from: the mails' links use the site's own address.
    .addColumn('origin', 'text', (c) => c.notNull())
    // `now` or `daily`.
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // When the confirmation mail last went out, so asking again does not mail an address over and over.
    .addColumn('confirmation_sent_at', 'bigint')
    .addColumn('last_digest_at', 'bigint')
    .execute();
  await db.schema.createIndex('subscriptions_address').on('subscriptions').columns(['thread_id', 'kind', 'email']).unique().execute();
  await db.schema.createIndex('subscriptions_daily').on('subscriptions').columns(['delivery', 'last_digest_at']).execute();

  await withId(db.schema.createTable('comment_notifications'), dialect)
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    // `published`: readers who follow may hear of it; `held`: moderators may.
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();
  // Once per comment and reason, ever: a comment approved, rejected and approved again notifies once.
  await db.schema.createIndex('comment_notifications_once').on('comment_notifications').columns(['comment_id', 'reason']).unique().execute();
  await db.schema.createIndex('comment_notifications_due').on('comment_notifications').columns(['processed_at', 'id']).execute();

  await withId(db.schema.createTable('digest_items'), dialect)
    .addColumn('subscription_id', 'bigint', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digest_items_once').on('digest_items').columns(['subscription_id', 'comment_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('digest_items').execute();
  await db.schema.dropTable('comment_notifications').execute();
  await db.schema.dropTable('subscriptions').execute();
}
