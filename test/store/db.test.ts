import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';

let handle: DatabaseHandle | null = null;
const dataDirs: string[] = [];
afterEach(async () => {
  await handle?.close();
  handle = null;
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function synchronousOf(setting: string | undefined): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-sync-'));
  dataDirs.push(dataDir);
  const config = loadConfig({ TRIBUNE_DATA_DIR: dataDir, ...(setting ? { TRIBUNE_SQLITE_SYNCHRONOUS: setting } : {}) });
  handle = openDatabase({ databaseUrl: null, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous });
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
  return rows[0]!.synchronous;
}

describe('SQLite durability setting', () => {
  it('commits with synchronous=NORMAL under WAL by default (the WAL is fsynced before answering), FULL when TRIBUNE_SQLITE_SYNCHRONOUS=full', async () => {
    expect(await synchronousOf(undefined)).toBe(1);
    await handle!.close();
    handle = null;
    expect(await synchronousOf('full')).toBe(2);
    await handle!.close();
    handle = null;
    expect(await synchronousOf('normal')).toBe(1);
  });

  it('refuses an unknown value at start-up', () => {
    expect(() => loadConfig({ TRIBUNE_SQLITE_SYNCHRONOUS: 'off' })).toThrow(/TRIBUNE_SQLITE_SYNCHRONOUS/);
  });
});
