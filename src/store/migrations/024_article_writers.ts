import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

/**
 * Which staff member published an article, so an author may change their own articles and no one
 * else's. Articles published with the admin token, and every article from before, have none: only
 * editors and admins change those.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('articles').addColumn('staff_id', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('staff_id').execute();
}
