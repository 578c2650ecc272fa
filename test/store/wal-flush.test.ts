import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { migrateToLatest, openDatabase } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { WalFlusher } from '../../src/store/wal-flush.js';
import { DEFAULT_SITE_ID } from '../../src/shared/site.js';

describe('making SQLite commits durable off the event loop', () => {
  it('one fsync covers every commit made before it started; commits made during it wait for the next', async () => {
    const started: Array<() => void> = [];
    const flusher = new WalFlusher(() => new Promise<void>((resolve) => started.push(resolve)));
    const done: string[] = [];
    const first = flusher.flush().then(() => done.push('first'));
    const during = Array.from({ length: 10 }, (_, i) => flusher.flush().then(() => done.push(`during ${i}`)));
    expect(started).toHaveLength(1);
    started[0]!();
    await first;
    // The ten that came while the first fsync ran share the second, and are not answered by the first.
    expect(done).toEqual(['first']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1]!();
    await Promise.all(during);
    expect(done).toHaveLength(11);
    expect(started).toHaveLength(2);
  });

  it('is the default, and a transaction on a real database file resolves with its rows kept after reopening', async () => {
    expect(loadConfig({}).sqliteSynchronous).toBe('durable');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-wal-'));
    try {
      const handle = openDatabase({ databaseUrl: null, dataDir });
      await migrateToLatest(handle);
      const store = Store.from(handle);
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.transaction((tx) => tx.comments.insertThread({ site_id: DEFAULT_SITE_ID, key: `t${i}`, article_id: null, title: 'T', created_at: 1 }))));
      await handle.close();
      const again = openDatabase({ databaseUrl: null, dataDir });
      const keys = await Promise.all(Array.from({ length: 5 }, (_, i) => Store.from(again).comments.findThreadToWrite(DEFAULT_SITE_ID, `t${i}`)));
      expect(keys.map((t) => t?.key)).toEqual(['t0', 't1', 't2', 't3', 't4']);
      await again.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
