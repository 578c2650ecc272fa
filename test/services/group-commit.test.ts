import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { GroupCommit } from '../../src/services/group-commit.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let store: Store;
let transactions = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.dataDir });
  await migrateToLatest(handle);
  store = Store.from(handle);
  const transaction = store.transaction.bind(store);
  store.transaction = (work) => (transactions++, transaction(work));
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

const newThread = (key: string) => (tx: Store) => tx.comments.insertThread({ key, article_id: null, title: 'Harbour bridge', created_at: Date.now() });

describe('group commit', () => {
  it('writes arriving together share a transaction, and each caller gets its own row once committed', async () => {
    transactions = 0;
    const writes = new GroupCommit(store);
    const rows = await Promise.all(Array.from({ length: 30 }, (_, i) => writes.run(newThread(`together-${i}`))));
    expect(rows.map((r) => r.key)).toEqual(Array.from({ length: 30 }, (_, i) => `together-${i}`));
    expect(transactions).toBeLessThan(30);
    for (const row of rows) expect((await store.comments.findThreadToWrite(row.key))?.id).toBe(row.id);
  });

  it('a write that fails fails alone: the others of its group are written', async () => {
    const writes = new GroupCommit(store);
    await writes.run(newThread('taken'));
    const results = await Promise.allSettled(['free-1', 'taken', 'free-2'].map((key) => writes.run(newThread(key))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.comments.findThreadToWrite('free-1'))?.key).toBe('free-1');
    expect((await store.comments.findThreadToWrite('free-2'))?.key).toBe('free-2');
  });
});
