import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/**
 * An author's question on a passage of their article ("What do you think of this claim?"): the
 * passage kept as comments on a passage keep theirs (migration 028), found again on every read.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('passage_questions'), dialect)
    .addColumn('article_id', 'bigint', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('exact', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    // Who asked, as the article shows it: the article's author by default.
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passage_questions_article').on('passage_questions').columns(['article_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('passage_questions').execute();
}
