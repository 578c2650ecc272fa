import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { DEFAULT_SITE_ID } from '../../shared/site.js';

/**
 * Every site its own world. Migration 011 gave articles, threads, comments, bans and the audit log
 * a site; votes and readers' reports now carry their comment's site too, so one site's counts and
 * "one vote per person" never reach into another's. Rows that exist take their comment's site
 * (the default site, for a database that never had another), so nothing is lost.
 *
 * Staff added after 011 got no row in `staff_roles`; roles are now read per site, so each of them
 * keeps the role they had, on the default site, as everyone before them did.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  for (const table of ['votes', 'comment_reports'] as const) {
    await db.schema
      .alterTable(table)
      .addColumn('site_id', 'text', (c) => c.notNull().defaultTo(DEFAULT_SITE_ID))
      .execute();
    await sql`update ${sql.table(table)} set site_id = (select comments.site_id from comments where comments.id = ${sql.ref(`${table}.comment_id`)})
      where exists (select 1 from comments where comments.id = ${sql.ref(`${table}.comment_id`)} and comments.site_id <> ${DEFAULT_SITE_ID})`.execute(db);
  }
  // A commenter's record (what moderation judges them by) is read per site, newest first.
  await db.schema.createIndex('comments_site_reader').on('comments').columns(['site_id', 'reader_id', 'id']).execute();
  await sql`insert into staff_roles (staff_id, site_id, role)
    select id, ${DEFAULT_SITE_ID}, role from staff where not exists (select 1 from staff_roles where staff_roles.staff_id = staff.id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_site_reader').execute();
  for (const table of ['votes', 'comment_reports'] as const) await db.schema.alterTable(table).dropColumn('site_id').execute();
}
