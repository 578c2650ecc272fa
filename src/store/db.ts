import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { WalFlusher, fsyncFile } from './wal-flush.js';
import * as initial from './migrations/001_initial.js';
import * as moderation from './migrations/002_moderation.js';
import * as staff from './migrations/003_staff.js';
import * as reports from './migrations/004_reports.js';
import * as audit from './migrations/005_audit.js';
import * as bans from './migrations/006_bans.js';
import * as threadCountChanges from './migrations/008_thread_count_changes.js';
import * as readerTrust from './migrations/009_reader_trust.js';
import * as recentHistory from './migrations/010_recent_history.js';
import * as sites from './migrations/011_sites.js';
import * as mailOutbox from './migrations/012_mail_outbox.js';
import * as readerAccounts from './migrations/013_reader_accounts.js';
import * as subscriptions from './migrations/019_subscriptions.js';
import * as threadEvents from './migrations/020_thread_events.js';
import * as follows from './migrations/021_follows.js';
import * as siteScopedContent from './migrations/023_site_scoped_content.js';
import * as articleWriters from './migrations/024_article_writers.js';
import * as commentAnchors from './migrations/028_comment_anchors.js';
import * as passageQuestions from './migrations/029_passage_questions.js';
import * as articleRedirects from './migrations/030_article_redirects.js';
import * as campaigns from './migrations/025_campaigns.js';

export type Dialect = 'sqlite' | 'postgres';

export type SqliteSynchronous = 'durable' | 'full' | 'normal';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /**
   * Resolves once the commits made so far are on disk. PostgreSQL and SQLite `full` make each
   * COMMIT durable before it returns; SQLite `durable` fsyncs its WAL here, `normal` does not.
   */
  durable(): Promise<void>;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** SQLite only: see `Config.sqliteSynchronous`. Defaults to `durable`. */
  sqliteSynchronous?: SqliteSynchronous;
}

const migrations: Record<string, { up(db: Kysely<unknown>, dialect: Dialect): Promise<void>; down(db: Kysely<unknown>): Promise<void> }> = {
  '001_initial': initial,
  '002_moderation': moderation,
  '003_staff': staff,
  '004_reports': reports,
  '005_audit': audit,
  '006_bans': bans,
  '008_thread_count_changes': threadCountChanges,
  '009_reader_trust': readerTrust,
  '010_recent_history': recentHistory,
  '011_sites': sites,
  '012_mail_outbox': mailOutbox,
  '013_reader_accounts': readerAccounts,
  '019_subscriptions': subscriptions,
  '020_thread_events': threadEvents,
  '021_follows': follows,
  '023_site_scoped_content': siteScopedContent,
  '024_article_writers': articleWriters,
  '028_comment_anchors': commentAnchors,
  '029_passage_questions': passageQuestions,
  '030_article_redirects': articleRedirects,
  '025_campaigns': campaigns,
};

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(path.join(options.dataDir, 'tribune.db'), options.sqliteSynchronous ?? 'durable');
}

function openSqlite(file: string, synchronous: SqliteSynchronous): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL: each commit is in the WAL file (the OS's page cache) when it returns, so a crash of this
  // process loses nothing. `durable` (the default) then fsyncs the WAL off the event loop before a
  // transaction's caller goes on (store.ts), once for all the commits made meanwhile: safe against a
  // power cut as FULL is, which instead fsyncs inside every COMMIT and blocks the event loop for it.
  sqlite.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const walFile = fsyncFile(`${file}-wal`);
  const wal = synchronous === 'durable' ? new WalFlusher(() => walFile.fsync()) : null;
  return {
    db,
    dialect: 'sqlite',
    location: file,
    durable: wal ? () => wal.flush() : () => Promise.resolve(),
    close: async () => {
      await wal?.settle();
      await walFile.close();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; preparing is a tenth of an uncached page's time. The same few
 * query shapes repeat, so prepared statements are kept (least recently used first out). Reuse is
 * safe: better-sqlite3 runs each statement to completion before the next call.
 */
function withStatementCache(sqlite: SQLite.Database, size = 300): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = statements.get(query);
      if (statement) {
        statements.delete(query);
      } else {
        statement = sqlite.prepare(query);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(query, statement);
      return statement;
    },
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Ids, counts and epoch-millisecond timestamps all fit in a double; services see numbers on both dialects.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (restart, failover) must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { db, dialect: 'postgres', location, durable: () => Promise.resolve(), close: () => db.destroy() };
}

/** Brings the schema up to date; `upTo` stops after the named migration (tests of a later migration start there). */
export async function migrateToLatest(handle: DatabaseHandle, upTo?: string): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const wrapped: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(migrations)) {
        wrapped[name] = {
          up: (db) => migration.up(db, handle.dialect),
          down: (db) => migration.down(db),
        };
      }
      return wrapped;
    },
  };
  // Migrations are numbered when work starts, not when it lands: one may arrive after a higher number already ran.
  const migrator = new Migrator({ db: handle.db, provider, allowUnorderedMigrations: true });
  const { error, results } = await (upTo ? migrator.migrateTo(upTo) : migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(handle: DatabaseHandle): Promise<boolean> {
  try {
    await sql`select 1`.execute(handle.db);
    return true;
  } catch {
    return false;
  }
}
