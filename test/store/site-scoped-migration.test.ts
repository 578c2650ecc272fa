import { afterEach, expect, it } from 'vitest';
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

/** A database as the release before migration 023 left it: two sites, votes and reports on both, and staff added since 011. */
async function databaseBefore023(): Promise<DatabaseHandle> {
  database = await createTestDatabase();
  const config = loadConfig(database.env);
  handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle, '019_subscriptions');
  const db = handle.db as any;
  const now = Date.now();
  await db.insertInto('sites').values({ id: 'second', name: 'The Second Gazette', hosts: '["second.test"]', settings: '{}', created_at: now }).execute();
  for (const site of [DEFAULT_SITE_ID, 'second']) {
    const thread = await db.insertInto('threads').values({ site_id: site, key: 'bridge', article_id: null, title: 'bridge', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const comment = await db
      .insertInto('comments')
      .values({ site_id: site, thread_id: thread.id, depth: 0, status: 'published', author_name: 'Ann', body_md: 'Hi', body_html: '<p>Hi</p>', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('votes').values({ comment_id: comment.id, reader_id: `voter-${site}`, value: 1, created_at: now }).execute();
    await db.insertInto('comment_reports').values({ comment_id: comment.id, reader_id: `reporter-${site}`, reason: 'spam', note: '', created_at: now }).execute();
  }
  // Staff created after 011 by a release that wrote no role row; and one who already has a role on the second site.
  await db.insertInto('staff').values({ email: 'late@example.org', name: 'Late', role: 'moderator', password_hash: 'x', created_at: now }).execute();
  const placed = await db.insertInto('staff').values({ email: 'placed@example.org', name: 'Placed', role: 'admin', password_hash: 'x', created_at: now }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('staff_roles').values({ staff_id: placed.id, site_id: 'second', role: 'moderator' }).execute();
  return handle;
}

it('gives every vote and report its comment\'s site, and staff without a role their role on the default site', async () => {
  const h = await databaseBefore023();
  await migrateToLatest(h);
  const db = h.db;

  const votes = await db.selectFrom('votes').innerJoin('comments', 'comments.id', 'votes.comment_id').select(['votes.site_id as own', 'comments.site_id as comments', 'votes.reader_id']).execute();
  expect(votes).toHaveLength(2);
  for (const vote of votes) expect(vote.own).toBe(vote.comments);
  expect(votes.map((v) => v.own).sort()).toEqual([DEFAULT_SITE_ID, 'second']);

  const reports = await db.selectFrom('comment_reports').innerJoin('comments', 'comments.id', 'comment_reports.comment_id').select(['comment_reports.site_id as own', 'comments.site_id as comments']).execute();
  expect(reports).toHaveLength(2);
  for (const report of reports) expect(report.own).toBe(report.comments);

  const roles = await db.selectFrom('staff_roles').innerJoin('staff', 'staff.id', 'staff_roles.staff_id').select(['staff.email', 'staff_roles.site_id', 'staff_roles.role']).orderBy('staff.email').execute();
  expect(roles).toEqual([
    { email: 'late@example.org', site_id: DEFAULT_SITE_ID, role: 'moderator' },
    // Someone already placed on a site keeps exactly that: no role appears on the default site.
    { email: 'placed@example.org', site_id: 'second', role: 'moderator' },
  ]);

  // New votes without a site say the default site, as before.
  const comment = await db.selectFrom('comments').select('id').where('site_id', '=', DEFAULT_SITE_ID).executeTakeFirstOrThrow();
  await db.insertInto('votes').values({ comment_id: comment.id, reader_id: 'new-voter', value: -1, created_at: 1 }).execute();
  expect((await db.selectFrom('votes').select('site_id').where('reader_id', '=', 'new-voter').executeTakeFirstOrThrow()).site_id).toBe(DEFAULT_SITE_ID);
});
