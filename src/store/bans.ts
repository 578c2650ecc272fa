import type { Insertable, Kysely, Selectable } from 'kysely';
import type { BanTable, Database } from './schema.js';

export type BanRow = Selectable<BanTable>;
export type BanKind = BanTable['kind'];

export class BanQueries {
  constructor(private readonly db: Kysely<Database>) {}

  insertBan(ban: Omit<Insertable<BanTable>, 'id' | 'lifted_at'> & { site_id: string }): Promise<BanRow> {
    return this.db.insertInto('bans').values(ban).returningAll().executeTakeFirstOrThrow();
  }

  /** The site's bans in force at `now` on any of these identifiers, the longest-running first. */
  activeBans(siteId: string, identifiers: { kind: BanKind; value: string }[], now: number): Promise<BanRow[]> {
    if (identifiers.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('bans')
      .selectAll()
      .where('site_id', '=', siteId)
      .where((eb) => eb.or(identifiers.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .orderBy((eb) => eb.fn.coalesce('expires_at', eb.lit(Number.MAX_SAFE_INTEGER)), 'desc')
      .execute();
  }

  listActive(siteId: string, now: number): Promise<BanRow[]> {
    return this.db
      .selectFrom('bans')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
  }

  async liftBan(siteId: string, id: number, now: number): Promise<BanRow | undefined> {
    return this.db.updateTable('bans').set({ lifted_at: now }).where('id', '=', id).where('site_id', '=', siteId).where('lifted_at', 'is', null).returningAll().executeTakeFirst();
  }
}
