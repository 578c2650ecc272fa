import type { Kysely } from 'kysely';

/**
 * Votes and reports count per person, not per cookie: each vote keeps the keyed hash of the
 * address it came from, so a fresh cookie from the same address finds the vote already cast.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('votes').addColumn('ip_hash', 'text').execute();
  await db.schema.createIndex('votes_by_address').on('votes').columns(['comment_id', 'ip_hash']).execute();
  await db.schema.createIndex('comment_reports_by_address').on('comment_reports').columns(['comment_id', 'ip_hash']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comment_reports_by_address').execute();
  await db.schema.dropIndex('votes_by_address').execute();
  await db.schema.alterTable('votes').dropColumn('ip_hash').execute();
}
