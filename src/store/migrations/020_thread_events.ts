import type { Kysely } from 'kysely';

/**
 * The live page's replay log. Every change a thread's open pages show (a comment published, edited,
 * removed, its votes) is a row here, written in the transaction that makes the change, numbered
 * per thread without gaps. A page that lost its connection, or whose server restarted, asks for
 * what came after the last number it saw, and gets exactly that, once.
 *
 * `thread_event_heads` holds each thread's last number. Taking the next one updates that row, which
 * (on PostgreSQL) holds it until COMMIT: the next writer of the same thread waits, so numbers commit
 * in order and a reader that has seen number N never later finds a smaller one appear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('thread_event_heads')
    .addColumn('thread_id', 'bigint', (c) => c.primaryKey().references('threads.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('thread_events')
    .addColumn('thread_id', 'bigint', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    // `published`, `edited`, `removed` or `votes`: what the page does with the comment.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The comment's content is read when the event is sent, so a removed comment's text is never replayed.
    .addColumn('comment_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_events_pk', ['thread_id', 'seq'])
    .execute();
  // Trimming by age.
  await db.schema.createIndex('thread_events_created').on('thread_events').columns(['created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('thread_events').execute();
  await db.schema.dropTable('thread_event_heads').execute();
}
