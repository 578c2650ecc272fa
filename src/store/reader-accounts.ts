import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, ReaderAccountTable, ReaderSessionTable, SignInLinkTable } from './schema.js';

export type ReaderAccountRow = Selectable<ReaderAccountTable>;
export type ReaderSessionRow = Selectable<ReaderSessionTable>;
export type SignInLinkRow = Selectable<SignInLinkTable>;

/** Reader accounts, the identities that vouch for them, their sessions and sign-in links. */
export class ReaderAccountQueries {
  constructor(private readonly db: Kysely<Database>) {}

  findAccount(siteId: string, id: number): Promise<ReaderAccountRow | undefined> {
    return this.db.selectFrom('reader_accounts').selectAll().where('site_id', '=', siteId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  }

  /** Live accounts whose name, lower-cased, is one of `lowerNames` (SQLite lower-cases ASCII letters only; the caller compares again). */
  accountsNamed(siteId: string, lowerNames: string[]): Promise<Pick<ReaderAccountRow, 'id' | 'name'>[]> {
    if (lowerNames.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('reader_accounts')
      .select(['id', 'name'])
      .where('site_id', '=', siteId)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'in', lowerNames), eb('name', 'in', lowerNames)]))
      .limit(200)
      .execute();
  }

  findAccountByEmail(siteId: string, email: string): Promise<ReaderAccountRow | undefined> {
    return this.db.selectFrom('reader_accounts').selectAll().where('site_id', '=', siteId).where('email', '=', email).where('deleted_at', 'is', null).executeTakeFirst();
  }

  insertAccount(account: Insertable<ReaderAccountTable>): Promise<ReaderAccountRow> {
    return this.db.insertInto('reader_accounts').values(account).returningAll().executeTakeFirstOrThrow();
  }

  async updateAccount(id: number, changes: Partial<Pick<ReaderAccountRow, 'name' | 'email' | 'email_verified_at'>>): Promise<ReaderAccountRow> {
    return this.db.updateTable('reader_accounts').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** The live account an outside identity signs in to. */
  findAccountByIdentity(siteId: string, provider: string, subject: string): Promise<ReaderAccountRow | undefined> {
    return this.db
      .selectFrom('reader_identities')
      .innerJoin('reader_accounts', 'reader_accounts.id', 'reader_identities.account_id')
      .selectAll('reader_accounts')
      .where('reader_identities.site_id', '=', siteId)
      .where('reader_identities.provider', '=', provider)
      .where('reader_identities.subject', '=', subject)
      .where('reader_accounts.deleted_at', 'is', null)
      .executeTakeFirst();
  }

  async insertIdentity(identity: { site_id: string; provider: string; subject: string; account_id: number; created_at: number }): Promise<void> {
    await this.db.insertInto('reader_identities').values(identity).execute();
  }

  async insertSession(session: ReaderSessionRow): Promise<void> {
    await this.db.insertInto('reader_sessions').values(session).execute();
  }

  /** The session with its account, whatever its expiry: the service decides what still counts. */
  findSession(id: string): Promise<{ session: ReaderSessionRow; account: ReaderAccountRow } | undefined> {
    return this.db
      .selectFrom('reader_sessions')
      .innerJoin('reader_accounts', 'reader_accounts.id', 'reader_sessions.account_id')
      .select([
        'reader_sessions.id as session_id',
        'reader_sessions.site_id as session_site_id',
        'reader_sessions.created_at as session_created_at',
        'reader_sessions.expires_at',
        'reader_sessions.last_seen_at',
      ])
      .selectAll('reader_accounts')
      .where('reader_sessions.id', '=', id)
      .where('reader_accounts.deleted_at', 'is', null)
      .executeTakeFirst()
      .then((row) => {
        if (!row) return undefined;
        const { session_id, session_site_id, session_created_at, expires_at, last_seen_at, ...account } = row;
        return {
          session: { id: session_id, site_id: session_site_id, account_id: account.id, created_at: session_created_at, expires_at, last_seen_at },
          account,
        };
      });
  }

  async touchSession(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('reader_sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('reader_sessions').where('id', '=', id).execute();
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.db.deleteFrom('reader_sessions').where('expires_at', '<=', now).execute();
  }

  async insertSignInLink(link: SignInLinkRow): Promise<void> {
    await this.db.insertInto('sign_in_links').values(link).execute();
  }

  findSignInLink(id: string): Promise<SignInLinkRow | undefined> {
    return this.db.selectFrom('sign_in_links').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks the link used unless it already was or has expired; true for the one caller that won. */
  async useSignInLink(id: string, now: number): Promise<boolean> {
    const result = await this.db.updateTable('sign_in_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Links long expired are kept a day, so a late click still hears "expired" rather than "unknown". */
  async deleteSignInLinksBefore(time: number): Promise<void> {
    await this.db.deleteFrom('sign_in_links').where('expires_at', '<=', time).execute();
  }
}
