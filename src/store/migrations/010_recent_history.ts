import type { Kysely } from 'kysely';

/** A commenter's latest comments by reader cookie, newest first: reputation reads a bounded window of them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('comments_reader_recent').on('comments').columns(['reader_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_reader_recent').execute();
}
