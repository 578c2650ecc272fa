import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { REPUTATION_WINDOW } from '../../src/services/comment-moderation.js';
import { Store } from '../../src/store/store.js';
import type { CommentStatus } from '../../src/store/comments.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let store: Store;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.dataDir });
  await migrateToLatest(handle);
  store = Store.from(handle);
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe("a commenter's recent history", () => {
  it('counts only the latest comments of the window, so an old record neither costs nor counts forever', async () => {
    const thread = await store.comments.insertThread({ site_id: DEFAULT_SITE_ID, key: 'history', article_id: null, title: 'History', created_at: 1 });
    const statuses: CommentStatus[] = [...Array<CommentStatus>(5).fill('spam'), ...Array<CommentStatus>(REPUTATION_WINDOW - 1).fill('published'), 'pending'];
    await store.transaction(async (tx) => {
      for (const [i, status] of statuses.entries()) {
        await tx.comments.insertComment({
          thread_id: thread.id,
          parent_id: null,
          root_id: null,
          depth: 0,
          status,
          author_name: 'Old hand',
          author_email: null,
          author_website: null,
          reader_id: 'reader-with-a-long-history',
          ip_hash: null,
          edit_token_hash: null,
          body_md: `comment ${i}`,
          body_html: `<p>comment ${i}</p>`,
          created_at: 1000 + i,
          moderation_reasons: null,
        });
      }
    });
    expect(await store.comments.recentStatusCounts(DEFAULT_SITE_ID, 'reader-with-a-long-history', REPUTATION_WINDOW)).toEqual({ published: REPUTATION_WINDOW - 1, pending: 1 });
    expect(await store.comments.recentStatusCounts(DEFAULT_SITE_ID, 'reader-with-a-long-history', 1000)).toEqual({ published: REPUTATION_WINDOW - 1, pending: 1, spam: 5 });
    expect(await store.comments.recentStatusCounts(DEFAULT_SITE_ID, 'someone-new', REPUTATION_WINDOW)).toEqual({});
  });
});
