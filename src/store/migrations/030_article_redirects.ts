import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

/**
 * The addresses an article had before its slug was changed: each old slug of a site leads to the
 * article, so links already shared keep working (301 to the current address).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('article_redirects')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('old_slug', 'text', (c) => c.notNull())
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_redirects_pk', ['site_id', 'old_slug'])
    .execute();
  await db.schema.createIndex('article_redirects_article').on('article_redirects').columns(['article_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_redirects').execute();
}
