import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffSessionTable, StaffTable } from './schema.js';

export type StaffRow = Selectable<StaffTable>;
export type StaffSessionRow = Selectable<StaffSessionTable>;

export interface NewStaff {
  email: string;
  name: string;
  role: StaffTable['role'];
  password_hash: string;
  created_at: number;
}

export class StaffQueries {
  constructor(private readonly db: Kysely<Database>) {}

  findStaffByEmail(email: string): Promise<StaffRow | undefined> {
    return this.db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
  }

  /** Where moderation-queue mail goes: every active admin and moderator. */
  async moderatorAddresses(): Promise<string[]> {
    const rows = await this.db.selectFrom('staff').select('email').where('role', 'in', ['admin', 'moderator']).where('disabled', '=', 0).orderBy('id').execute();
    return rows.map((r) => r.email);
  }

  insertStaff(staff: NewStaff): Promise<StaffRow> {
    return this.db.insertInto('staff').values(staff).returningAll().executeTakeFirstOrThrow();
  }

  async insertSession(session: StaffSessionRow): Promise<void> {
    await this.db.insertInto('staff_sessions').values(session).execute();
  }

  /** The session with its staff member, whatever its expiry: the service decides what still counts. */
  findSession(id: string): Promise<(StaffSessionRow & { email: string; name: string; role: StaffRow['role']; disabled: number }) | undefined> {
    return this.db
      .selectFrom('staff_sessions')
      .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
      .selectAll('staff_sessions')
      .select(['staff.email', 'staff.name', 'staff.role', 'staff.disabled'])
      .where('staff_sessions.id', '=', id)
      .executeTakeFirst();
  }

  async touchSession(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('staff_sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('id', '=', id).execute();
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('expires_at', '<=', now).execute();
  }
}
