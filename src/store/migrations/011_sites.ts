import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { DEFAULT_SITE_ID } from '../../shared/site.js';

/**
 * One Tribune, several sites. Everything that belongs to a site carries its id; what readers find
 * by slug or key is unique within a site, not across the installation. Rows that exist already
 * belong to the default site (the column's default fills them in), so nothing is lost or moved.
 * The default site's own row is written at start-up from the environment's settings.
 */
const SITE_TABLES = ['authors', 'topics', 'articles', 'threads', 'comments', 'bans', 'audit_log'] as const;

/** What readers address by name: unique per site from now on. */
const UNIQUE_PER_SITE = [
  { table: 'authors', column: 'slug' },
  { table: 'topics', column: 'slug' },
  { table: 'articles', column: 'slug' },
  { table: 'threads', column: 'key' },
] as const;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of lower-case host names; a host belongs to at most one site (checked by the service).
    .addColumn('hosts', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON object of the settings this site chose; anything absent follows the environment.
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  for (const table of SITE_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('site_id', 'text', (c) => c.notNull().defaultTo(DEFAULT_SITE_ID))
      .execute();
  }

  if (dialect === 'sqlite') {
    await dropColumnUniquesOnSqlite(db);
  } else {
    for (const { table, column } of UNIQUE_PER_SITE) {
      await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_${column}_key`)}`.execute(db);
    }
  }
  for (const { table, column } of UNIQUE_PER_SITE) {
    await db.schema.createIndex(`${table}_site_${column}`).on(table).columns(['site_id', column]).unique().execute();
  }

  // The queue lists one site's comments of one status, newest first; a commenter's history is per site.
  await db.schema.createIndex('comments_site_status_created').on('comments').columns(['site_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('articles_site_published').on('articles').columns(['site_id', 'published_at', 'id']).execute();
  await db.schema.createIndex('bans_site_lookup').on('bans').columns(['site_id', 'kind', 'value']).execute();
  await db.schema.createIndex('audit_log_site').on('audit_log').columns(['site_id', 'id']).execute();

  // A staff member's role on each site they work on; an account with no row here has no powers there.
  await db.schema
    .createTable('staff_roles')
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_roles_pk', ['staff_id', 'site_id'])
    .execute();
  await db.schema.createIndex('staff_roles_site').on('staff_roles').columns(['site_id', 'staff_id']).execute();
  // Everyone on staff before sites existed keeps their role, on the only site there was.
  await sql`insert into staff_roles (staff_id, site_id, role) select id, ${DEFAULT_SITE_ID}, role from staff`.execute(db);
}

/**
 * SQLite cannot drop a column's inline UNIQUE: each such table is rebuilt from its own definition
 * without it, rows, indexes and id sequence kept. The migrator runs SQLite migrations outside a
 * transaction, so foreign keys can be switched off for the rebuild (dropping a parent table with
 * them on would cascade into its children) and the rebuild wrapped in one transaction of its own.
 */
async function dropColumnUniquesOnSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`begin`.execute(db);
  try {
    for (const { table, column } of UNIQUE_PER_SITE) await rebuildWithoutUnique(db, table, column);
    const broken = await sql`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`rebuilding left ${broken.rows.length} broken references`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildWithoutUnique(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  const definition = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db);
  const original = definition.rows[0]?.sql ?? '';
  const inline = `"${column}" text not null unique`;
  if (!original.includes(inline)) throw new Error(`${table}.${column} is not defined as expected: ${original}`);
  const rebuilt = `${table}_rebuilt`;
  const createRebuilt = original.replace(inline, `"${column}" text not null`).replace(/^create table "?\w+"?/i, `create table "${rebuilt}"`);
  if (!createRebuilt.startsWith(`create table "${rebuilt}"`)) throw new Error(`cannot rebuild ${table}: ${original}`);
  await sql.raw(createRebuilt).execute(db);
  await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
  const seq = sequence.rows[0]?.seq;
  // Ids of deleted rows are never handed out again, as before the rebuild.
  if (seq !== undefined) {
    await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
    await sql`insert into sqlite_sequence (name, seq) values (${table}, ${seq})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_roles').execute();
  await db.schema.dropTable('sites').execute();
}
