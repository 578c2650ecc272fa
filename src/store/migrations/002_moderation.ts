import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

/** Moderation verdicts: why a comment was held, and per-article pre-moderation. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  // JSON array of {phase, code, message, matched}: shown to moderators next to the comment.
  await db.schema.alterTable('comments').addColumn('moderation_reasons', 'text').execute();
  // Overrides the site's TRIBUNE_PREMODERATION for one article: none | first | links | all.
  await db.schema.alterTable('threads').addColumn('premoderation', 'text').execute();
  // A commenter's history (reputation, first-N pre-moderation) is looked up by e-mail and by reader cookie.
  await db.schema.createIndex('comments_by_email').on('comments').columns(['author_email', 'status']).execute();
  await db.schema.createIndex('comments_by_reader').on('comments').columns(['reader_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_by_reader').execute();
  await db.schema.dropIndex('comments_by_email').execute();
  await db.schema.alterTable('threads').dropColumn('premoderation').execute();
  await db.schema.alterTable('comments').dropColumn('moderation_reasons').execute();
}
