import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/**
 * Changes to a thread's comment count, written beside each comment instead of onto the thread's
 * row: on PostgreSQL every post into a thread waited on that one row's lock until COMMIT. Reads
 * add the pending changes to `threads.comment_count`; they are folded into it now and then.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('thread_count_changes'), dialect)
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('delta', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('thread_count_changes_thread').on('thread_count_changes').columns(['thread_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('thread_count_changes').execute();
}
