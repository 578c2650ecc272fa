import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { GroupCommit } from '../../src/services/group-commit.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let store: Store;
let transactions = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.dataDir });
  await migrateToLatest(handle);
  store = Store.from(handle);
  const commit = store.commit.bind(store);
  store.commit = (work) => (transactions++, commit(work));
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const newThread = (key: string) => (tx: Store) => tx.comments.insertThread({ site_id: DEFAULT_SITE_ID, key, article_id: null, title: 'Harbour bridge', created_at: Date.now() });

describe('group commit', () => {
  it('writes arriving together share a transaction, and each caller gets its own row once committed', async () => {
    transactions = 0;
    const writes = new GroupCommit(store);
    const rows = await Promise.all(Array.from({ length: 30 }, (_, i) => writes.run(newThread(`together-${i}`))));
    expect(rows.map((r) => r.key)).toEqual(Array.from({ length: 30 }, (_, i) => `together-${i}`));
    expect(transactions).toBeLessThan(30);
    for (const row of rows) expect((await store.comments.findThreadToWrite(DEFAULT_SITE_ID, row.key))?.id).toBe(row.id);
  });

  it('a write that fails fails alone: the others of its group are written', async () => {
    const writes = new GroupCommit(store);
    await writes.run(newThread('taken'));
    const results = await Promise.allSettled(['free-1', 'taken', 'free-2'].map((key) => writes.run(newThread(key))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.comments.findThreadToWrite(DEFAULT_SITE_ID, 'free-1'))?.key).toBe('free-1');
    expect((await store.comments.findThreadToWrite(DEFAULT_SITE_ID, 'free-2'))?.key).toBe('free-2');
  });

  it('answers a write only once its commit is on disk, and commits the next group while that fsync runs', async () => {
    // The same database, with a "disk" that finishes each flush only when told to.
    const flushes: Array<() => void> = [];
    const slowDisk = new Store(handle.db, handle.dialect, () => new Promise<void>((resolve) => flushes.push(resolve)));
    const writes = new GroupCommit(slowDisk);
    let firstAnswered = false;
    const first = writes.run(newThread('on-disk-1')).then((row) => ((firstAnswered = true), row));
    await waitUntil(() => flushes.length === 1);
    expect(await store.comments.findThreadToWrite(DEFAULT_SITE_ID, 'on-disk-1')).toBeDefined(); // committed…
    expect(firstAnswered).toBe(false); // …but not answered before the disk has it

    const second = writes.run(newThread('on-disk-2'));
    await waitUntil(() => flushes.length === 2); // committed while the first flush still runs
    expect(await store.comments.findThreadToWrite(DEFAULT_SITE_ID, 'on-disk-2')).toBeDefined();
    expect(firstAnswered).toBe(false);

    flushes[0]!();
    expect((await first).key).toBe('on-disk-1');
    flushes[1]!();
    expect((await second).key).toBe('on-disk-2');
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
