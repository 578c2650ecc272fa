import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CampaignTable, Database, LedgerEntryTable } from './schema.js';

export type CampaignRow = Selectable<CampaignTable>;
export type LedgerEntryRow = Selectable<LedgerEntryTable>;

/** Campaigns and their ledger. Ledger rows are only ever inserted: there is no update or delete here. */
export class CampaignQueries {
  constructor(private readonly db: Kysely<Database>) {}

  insertCampaign(row: Insertable<CampaignTable>): Promise<CampaignRow> {
    return this.db.insertInto('campaigns').values(row).returningAll().executeTakeFirstOrThrow();
  }

  updateCampaign(siteId: string, id: number, changes: Partial<Omit<CampaignRow, 'id' | 'site_id' | 'created_at'>>): Promise<CampaignRow | undefined> {
    return this.db.updateTable('campaigns').set(changes).where('id', '=', id).where('site_id', '=', siteId).returningAll().executeTakeFirst();
  }

  findCampaign(siteId: string, id: number): Promise<CampaignRow | undefined> {
    return this.db.selectFrom('campaigns').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
  }

  /** The site's running campaign: the newest one still active. */
  activeCampaign(siteId: string): Promise<CampaignRow | undefined> {
    return this.db.selectFrom('campaigns').selectAll().where('site_id', '=', siteId).where('active', '=', 1).orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  listCampaigns(siteId: string): Promise<CampaignRow[]> {
    return this.db.selectFrom('campaigns').selectAll().where('site_id', '=', siteId).orderBy('id', 'desc').limit(200).execute();
  }

  /** Ends every other running campaign of the site: one meter at a time. */
  async deactivateOthers(siteId: string, keepId: number, now: number): Promise<void> {
    await this.db.updateTable('campaigns').set({ active: 0, updated_at: now }).where('site_id', '=', siteId).where('id', '<>', keepId).where('active', '=', 1).execute();
  }

  insertEntry(row: Insertable<LedgerEntryTable>): Promise<LedgerEntryRow> {
    return this.db.insertInto('ledger_entries').values(row).returningAll().executeTakeFirstOrThrow();
  }

  findEntry(siteId: string, id: number): Promise<LedgerEntryRow | undefined> {
    return this.db.selectFrom('ledger_entries').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
  }

  findEntryByExternalId(externalId: string): Promise<LedgerEntryRow | undefined> {
    return this.db.selectFrom('ledger_entries').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  }

  /** What was refunded of an entry so far (a negative sum, or 0). */
  async refundedOf(entryId: number): Promise<number> {
    const row = await this.db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<number | null>('amount').as('total')).where('refund_of', '=', entryId).executeTakeFirstOrThrow();
    return Number(row.total ?? 0);
  }

  /**
   * A campaign's period from `from` (included) to `to` (excluded): the sum of every entry received
   * in it, and how many different supporters gave in it.
   */
  async totals(campaignId: number, from: number, to: number): Promise<{ raised: number; supporters: number }> {
    const inPeriod = this.db.selectFrom('ledger_entries').where('campaign_id', '=', campaignId).where('received_at', '>=', from).where('received_at', '<', to);
    const sum = await inPeriod.select((eb) => eb.fn.sum<number | null>('amount').as('total')).executeTakeFirstOrThrow();
    const donors = await inPeriod
      .where('amount', '>', 0)
      .where('kind', '<>', 'refund')
      .select((eb) => eb.fn.count<number>('donor_key').distinct().as('n'))
      .executeTakeFirstOrThrow();
    return { raised: Number(sum.total ?? 0), supporters: Number(donors.n) };
  }

  /** The site's ledger received from `from` to `to`, newest first; at most `limit` rows. */
  entries(siteId: string, range: { from: number; to: number; campaignId?: number }, limit: number): Promise<LedgerEntryRow[]> {
    let query = this.db.selectFrom('ledger_entries').selectAll().where('site_id', '=', siteId).where('received_at', '>=', range.from).where('received_at', '<', range.to);
    if (range.campaignId !== undefined) query = query.where('campaign_id', '=', range.campaignId);
    return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }
}
