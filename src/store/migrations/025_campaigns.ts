import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';
import { withId } from './columns.js';

/**
 * Reader funding. A campaign belongs to a site: a goal in minor units (cents) of one currency, over
 * a period that is either every calendar month in the site's time zone or fixed start and end
 * dates. The ledger holds what was given, one immutable row each: gifts, renewals of monthly
 * gifts, refunds (a new, negative row), and staff's manual entries with their note. A period's
 * total is the sum of the rows received in it, so past months keep their totals as they were.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await withId(db.schema.createTable('campaigns'), dialect)
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('goal', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // `monthly`: resets on the 1st; `fixed`: from starts_at to ends_at.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint')
    .addColumn('ends_at', 'bigint')
    // At 100%: `keep-going` (bar full, "goal reached") or `stretch` (the scale moves to stretch_goal).
    .addColumn('at_goal', 'text', (c) => c.notNull())
    .addColumn('stretch_goal', 'bigint')
    // 1 while it is the site's running campaign; an ended or replaced one keeps its ledger.
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_site').on('campaigns').columns(['site_id', 'active', 'id']).execute();

  await withId(db.schema.createTable('ledger_entries'), dialect)
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'bigint', (c) => c.notNull().references('campaigns.id'))
    // `gift` (one-off), `renewal` (a monthly gift charged again), `refund` (negative), `manual` (staff).
    .addColumn('kind', 'text', (c) => c.notNull())
    // Minor units of `currency`; negative for refunds and manual corrections.
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // When the money counted: which period it belongs to.
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    // One supporter, however many gifts: an address, a payment customer, or a key of its own.
    .addColumn('donor_key', 'text', (c) => c.notNull())
    .addColumn('donor_name', 'text')
    .addColumn('donor_email', 'text')
    .addColumn('message', 'text')
    .addColumn('on_donor_wall', 'integer', (c) => c.notNull())
    // The article the reader came from.
    .addColumn('article_slug', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    // The payment provider's id for it: the same event never makes a second row.
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('refund_of', 'bigint', (c) => c.references('ledger_entries.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_period').on('ledger_entries').columns(['campaign_id', 'received_at']).execute();
  await db.schema.createIndex('ledger_entries_site').on('ledger_entries').columns(['site_id', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_entries').execute();
  await db.schema.dropTable('campaigns').execute();
}
