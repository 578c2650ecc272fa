import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/**
 * Following people rather than threads, and being told when named. A signed-in reader follows an
 * author (mailed about their new articles) or a commenter who allows it (mailed about their new
 * published comments); each follow has its own delivery and its own unsubscribe link. A reader
 * chooses how mentions of them are mailed (at once, daily, or not at all); an author with an
 * address is mailed about mentions at once until they unsubscribe. `article_notifications` is the
 * durable "this article may need mailing about", written with the article, as
 * `comment_notifications` is for comments. Digest items wait for their daily mail.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('follows'), dialect)
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('follower_id', 'bigint', (c) => c.notNull().references('reader_accounts.id').onDelete('cascade'))
    // `author`: their new articles; `commenter`: their new published comments.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'bigint', (c) => c.references('authors.id').onDelete('cascade'))
    .addColumn('commenter_id', 'bigint', (c) => c.references('reader_accounts.id').onDelete('cascade'))
    // `now` or `daily`.
    .addColumn('delivery', 'text', (c) => c.notNull())
    // In the unsubscribe link of this follow's mails: ends this follow and nothing else.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    // The scheme and host the reader followed from: the mails' links use it.
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_digest_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follows_author').on('follows').columns(['author_id', 'follower_id']).unique().execute();
  await db.schema.createIndex('follows_commenter').on('follows').columns(['commenter_id', 'follower_id']).unique().execute();
  await db.schema.createIndex('follows_follower').on('follows').columns(['follower_id']).execute();
  await db.schema.createIndex('follows_daily').on('follows').columns(['delivery', 'last_digest_at']).execute();

  await withId(db.schema.createTable('follow_digest_items'), dialect)
    .addColumn('follow_id', 'bigint', (c) => c.notNull().references('follows.id').onDelete('cascade'))
    .addColumn('comment_id', 'bigint', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('article_id', 'bigint', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_digest_items_comment').on('follow_digest_items').columns(['follow_id', 'comment_id']).unique().execute();
  await db.schema.createIndex('follow_digest_items_article').on('follow_digest_items').columns(['follow_id', 'article_id']).unique().execute();

  // A reader's choices: whether others may follow their comments (off until they say so), and how mentions reach them.
  await db.schema.alterTable('reader_accounts').addColumn('allow_followers', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('reader_accounts').addColumn('mention_delivery', 'text', (c) => c.notNull().defaultTo('now')).execute();
  // The unsubscribe link of mention mails; made with the first one.
  await db.schema.alterTable('reader_accounts').addColumn('mention_token', 'text').execute();
  await db.schema.alterTable('reader_accounts').addColumn('mention_digest_at', 'bigint').execute();
  await db.schema.createIndex('reader_accounts_mention_token').on('reader_accounts').column('mention_token').unique().execute();

  // An author's address is never shown; it only receives mentions (`now` or `off`).
  await db.schema.alterTable('authors').addColumn('email', 'text').execute();
  await db.schema.alterTable('authors').addColumn('mention_delivery', 'text', (c) => c.notNull().defaultTo('now')).execute();
  await db.schema.alterTable('authors').addColumn('mention_token', 'text').execute();
  await db.schema.createIndex('authors_mention_token').on('authors').column('mention_token').unique().execute();

  await withId(db.schema.createTable('mention_digest_items'), dialect)
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('reader_accounts.id').onDelete('cascade'))
    .addColumn('comment_id', 'bigint', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mention_digest_items_once').on('mention_digest_items').columns(['account_id', 'comment_id']).unique().execute();

  await withId(db.schema.createTable('article_notifications'), dialect)
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();
  await db.schema.createIndex('article_notifications_once').on('article_notifications').column('article_id').unique().execute();
  await db.schema.createIndex('article_notifications_due').on('article_notifications').columns(['processed_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_notifications').execute();
  await db.schema.dropTable('mention_digest_items').execute();
  await db.schema.dropIndex('authors_mention_token').execute();
  for (const column of ['mention_token', 'mention_delivery', 'email']) await db.schema.alterTable('authors').dropColumn(column).execute();
  await db.schema.dropIndex('reader_accounts_mention_token').execute();
  for (const column of ['mention_digest_at', 'mention_token', 'mention_delivery', 'allow_followers']) await db.schema.alterTable('reader_accounts').dropColumn(column).execute();
  await db.schema.dropTable('follow_digest_items').execute();
  await db.schema.dropTable('follows').execute();
}
