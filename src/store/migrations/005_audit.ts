import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/** The moderators' audit trail, and when a moderator last looked at a comment (ends its "Reported" spell). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('audit_log'), dialect)
    // Null when the action came with the admin token rather than a staff account.
    .addColumn('staff_id', 'bigint', (c) => c.references('staff.id').onDelete('set null'))
    // Kept as written at the time, so the log still reads right after an account is renamed or removed.
    .addColumn('staff_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'bigint', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_comment').on('audit_log').columns(['comment_id']).execute();
  await db.schema.alterTable('comments').addColumn('reviewed_at', 'bigint').execute();
  // The queue tabs list one status newest first.
  await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_status_created').execute();
  await db.schema.alterTable('comments').dropColumn('reviewed_at').execute();
  await db.schema.dropTable('audit_log').execute();
}
