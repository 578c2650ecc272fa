import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests use; its `postgres` database is where test databases are made. */
export const POSTGRES_ADMIN_URL = process.env.TRIBUNE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDialect = 'sqlite' | 'postgres';

export const testDialect: TestDialect = process.env.TRIBUNE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** Settings to hand to loadConfig: a fresh data dir, and a fresh PostgreSQL database when testing on it. */
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * Each test file gets its own empty database: a SQLite file in a temp dir, or a new
 * PostgreSQL database dropped afterwards, so files run in parallel without sharing rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-test-'));
  if (testDialect === 'sqlite') {
    return { env: { TRIBUNE_DATA_DIR: dataDir }, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `tribune_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { TRIBUNE_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    dataDir,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
