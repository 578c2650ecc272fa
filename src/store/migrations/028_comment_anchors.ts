import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

/**
 * Comments on a passage of the article: the quoted text with some text before and after it, and
 * where it stood in the article's plain text when the comment was posted (as the W3C Web Annotation
 * TextQuoteSelector and TextPositionSelector). Where the passage is now is worked out when it is
 * read, so an edit to the article never needs these rows rewritten.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('comment_anchors')
    .addColumn('comment_id', 'bigint', (c) => c.primaryKey().references('comments.id').onDelete('cascade'))
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('exact', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comment_anchors_thread').on('comment_anchors').columns(['thread_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comment_anchors').execute();
}
