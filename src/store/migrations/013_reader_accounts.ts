import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/**
 * Readers who are more than a browser cookie: accounts per site, the sign-in links mailed to
 * them, the identities other systems vouch for (single sign-on, OpenID Connect), their browser
 * sessions, and which account wrote a comment. Tokens are stored only as SHA-256 hashes, so a
 * copy of the database holds no working link or session.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('reader_accounts'), dialect)
    .addColumn('site_id', 'text', (c) => c.notNull())
    // Lower-case, and only ever an address the reader proved is theirs; null when signed in by a
    // provider that vouched for none. Deleting an account clears it, so the address can sign up again.
    .addColumn('email', 'text')
    .addColumn('email_verified_at', 'bigint')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('reader_accounts_email').on('reader_accounts').columns(['site_id', 'email']).unique().execute();

  await withId(db.schema.createTable('reader_identities'), dialect)
    .addColumn('site_id', 'text', (c) => c.notNull())
    /** `sso` for the host site's signed payload, or the OpenID provider's issuer. */
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('reader_accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reader_identities_subject').on('reader_identities').columns(['site_id', 'provider', 'subject']).unique().execute();
  await db.schema.createIndex('reader_identities_account').on('reader_identities').columns(['account_id']).execute();

  await db.schema
    .createTable('reader_sessions')
    // SHA-256 (hex) of the cookie's token.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('reader_accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reader_sessions_account').on('reader_sessions').columns(['account_id']).execute();

  await db.schema
    .createTable('sign_in_links')
    // SHA-256 (hex) of the token in the mailed link.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    /** A path on the same site the reader returns to once signed in. */
    .addColumn('return_to', 'text', (c) => c.notNull())
    /** The name the reader gave when asking, used if the sign-in creates their account. */
    .addColumn('name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('sign_in_links_expiry').on('sign_in_links').columns(['expires_at']).execute();

  // Guests have none; a comment posted while signed in names its account.
  await db.schema.alterTable('comments').addColumn('account_id', 'bigint', (c) => c.references('reader_accounts.id')).execute();
  await db.schema.createIndex('comments_account').on('comments').columns(['account_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_account').execute();
  await db.schema.alterTable('comments').dropColumn('account_id').execute();
  await db.schema.dropTable('sign_in_links').execute();
  await db.schema.dropTable('reader_sessions').execute();
  await db.schema.dropTable('reader_identities').execute();
  await db.schema.dropTable('reader_accounts').execute();
}
