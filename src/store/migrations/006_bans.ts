import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/** Bans and timed suspensions, by e-mail, hashed IP or reader cookie. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('bans'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('lifted_at', 'bigint')
    .execute();
  await db.schema.createIndex('bans_lookup').on('bans').columns(['kind', 'value']).execute();
  // So a moderator can ban the address a comment came from without Tribune ever storing the address.
  await db.schema.alterTable('comments').addColumn('ip_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('ip_hash').execute();
  await db.schema.dropTable('bans').execute();
}
