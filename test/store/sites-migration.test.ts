import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

let database: TestDatabase | null = null;
let handle: DatabaseHandle | null = null;
afterEach(async () => {
  await handle?.close();
  await database?.drop();
  handle = null;
  database = null;
});

/** A database as the release before sites left it, with a discussion in it. */
async function databaseBeforeSites(): Promise<DatabaseHandle> {
  database = await createTestDatabase();
  const config = loadConfig(database.env);
  handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle, '010_recent_history');
  const db = handle.db as any;
  const now = Date.now();
  const author = await db.insertInto('authors').values({ slug: 'maya', name: 'Maya', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const topic = await db.insertInto('topics').values({ slug: 'harbour', name: 'Harbour' }).returning('id').executeTakeFirstOrThrow();
  const articles = [];
  for (const slug of ['bridge', 'ferry', 'gone']) {
    articles.push(
      await db
        .insertInto('articles')
        .values({ slug, title: slug, body_md: 'x', body_html: '<p>x</p>', author_id: author.id, published_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  }
  // The last article is deleted: its id must not be handed out again.
  await db.deleteFrom('articles').where('slug', '=', 'gone').execute();
  await db.insertInto('article_topics').values({ article_id: articles[0].id, topic_id: topic.id }).execute();
  const thread = await db.insertInto('threads').values({ key: 'bridge', article_id: articles[0].id, title: 'bridge', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const comment = await db
    .insertInto('comments')
    .values({ thread_id: thread.id, depth: 0, status: 'published', author_name: 'Ann', body_md: 'Hi', body_html: '<p>Hi</p>', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('votes').values({ comment_id: comment.id, reader_id: 'r1', value: 1, created_at: now }).execute();
  await db.insertInto('comment_reports').values({ comment_id: comment.id, reader_id: 'r2', reason: 'spam', created_at: now }).execute();
  const staff = await db.insertInto('staff').values({ email: 'mod@example.org', name: 'Mo', role: 'moderator', password_hash: 'x', created_at: now }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('audit_log').values({ staff_id: staff.id, staff_name: 'Mo', action: 'approve', comment_id: comment.id, details: '{}', created_at: now }).execute();
  await db.insertInto('bans').values({ kind: 'reader', value: 'r9', reason: 'Spam', created_by: 'Mo', created_at: now }).execute();
  return handle;
}

it('moves every existing row into the default site, keeping ids, links between rows and staff roles', async () => {
  const h = await databaseBeforeSites();
  await migrateToLatest(h);
  const db = h.db;
  for (const table of ['authors', 'topics', 'articles', 'threads', 'comments', 'bans', 'audit_log'] as const) {
    const rows = await db.selectFrom(table).select(['site_id']).execute();
    expect(rows.length, table).toBeGreaterThan(0);
    expect(rows.every((r) => r.site_id === DEFAULT_SITE_ID), table).toBe(true);
  }
  // Nothing hanging from a rebuilt table was lost: topics, thread, comment, vote, report.
  const bridge = await db.selectFrom('articles').selectAll().where('slug', '=', 'bridge').executeTakeFirstOrThrow();
  expect(await db.selectFrom('article_topics').selectAll().where('article_id', '=', bridge.id).execute()).toHaveLength(1);
  const thread = await db.selectFrom('threads').selectAll().where('key', '=', 'bridge').executeTakeFirstOrThrow();
  expect(thread.article_id).toBe(bridge.id);
  expect(await db.selectFrom('comments').selectAll().where('thread_id', '=', thread.id).execute()).toHaveLength(1);
  expect(await db.selectFrom('votes').selectAll().execute()).toHaveLength(1);
  expect(await db.selectFrom('comment_reports').selectAll().execute()).toHaveLength(1);
  expect(await db.selectFrom('audit_log').selectAll().execute()).toHaveLength(1);
  const roles = await db.selectFrom('staff_roles').selectAll().execute();
  expect(roles).toEqual([expect.objectContaining({ site_id: DEFAULT_SITE_ID, role: 'moderator' })]);

  // New rows continue after the old ids, the deleted one included.
  const author = await db.selectFrom('authors').select('id').executeTakeFirstOrThrow();
  const next = await db
    .insertInto('articles')
    .values({ site_id: DEFAULT_SITE_ID, slug: 'new', title: 'New', standfirst: '', body_md: 'x', body_html: 'x', image_url: null, image_full_url: null, image_alt: '', image_credit: '', author_id: author.id, published_at: 1, updated_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  expect(next.id).toBeGreaterThan(bridge.id + 1);

  // A slug is unique within its site only.
  const copy = { slug: 'bridge', title: 'B', standfirst: '', body_md: 'x', body_html: 'x', image_url: null, image_full_url: null, image_alt: '', image_credit: '', author_id: author.id, published_at: 1, updated_at: 1 };
  await db.insertInto('articles').values({ ...copy, site_id: 'second' }).execute();
  await expect(db.insertInto('articles').values({ ...copy, site_id: DEFAULT_SITE_ID }).execute()).rejects.toThrow();
  await db.insertInto('threads').values({ site_id: 'second', key: 'bridge', article_id: null, title: '', created_at: 1, premoderation: null }).execute();
  await expect(db.insertInto('threads').values({ site_id: DEFAULT_SITE_ID, key: 'bridge', article_id: null, title: '', created_at: 1, premoderation: null }).execute()).rejects.toThrow();

  if (h.dialect === 'sqlite') {
    expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
    expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
  }
});
