import type { Kysely, Selectable } from 'kysely';
import type { Database, SiteTable } from './schema.js';

export type SiteRow = Selectable<SiteTable>;

export class SiteQueries {
  constructor(private readonly db: Kysely<Database>) {}

  allSites(): Promise<SiteRow[]> {
    return this.db.selectFrom('sites').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  findSite(id: string): Promise<SiteRow | undefined> {
    return this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts the site unless one with its id exists; true when it was inserted. */
  async insertSite(site: SiteRow): Promise<boolean> {
    const result = await this.db.insertInto('sites').values(site).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  updateSite(id: string, changes: Partial<Pick<SiteRow, 'name' | 'hosts' | 'settings'>>): Promise<SiteRow | undefined> {
    return this.db.updateTable('sites').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
  }
}
