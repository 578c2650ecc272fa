import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffRole, StaffSessionTable, StaffTable } from './schema.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';

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

  /** Where a site's moderation-queue mail goes: its active admins and moderators. */
  async moderatorAddresses(siteId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('staff')
      .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
      .select('staff.email')
      .where('staff_roles.site_id', '=', siteId)
      .where('staff_roles.role', 'in', ['admin', 'moderator'])
      .where('staff.disabled', '=', 0)
      .orderBy('staff.id')
      .execute();
    return rows.map((r) => r.email);
  }

  /** A staff account, with its role on the site it is made for (the default site unless told). */
  async insertStaff(staff: NewStaff, siteId: string = DEFAULT_SITE_ID): Promise<StaffRow> {
    const row = await this.db.insertInto('staff').values(staff).returningAll().executeTakeFirstOrThrow();
    await this.setRole(row.id, siteId, staff.role);
    return row;
  }

  /** What the staff member may do on the site; replaces any role they had there. */
  async setRole(staffId: number, siteId: string, role: StaffRole): Promise<void> {
    await this.db
      .insertInto('staff_roles')
      .values({ staff_id: staffId, site_id: siteId, role })
      .onConflict((oc) => oc.columns(['staff_id', 'site_id']).doUpdateSet({ role }))
      .execute();
  }

  /** The site's staff with their role there, in the order they joined. */
  staffOn(siteId: string): Promise<{ id: number; email: string; name: string; role: StaffRole; disabled: number }[]> {
    return this.db
      .selectFrom('staff')
      .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
      .select(['staff.id', 'staff.email', 'staff.name', 'staff_roles.role', 'staff.disabled'])
      .where('staff_roles.site_id', '=', siteId)
      .orderBy('staff.id')
      .execute();
  }

  /** The staff member's role on the site; undefined when they have none there. */
  async roleOn(staffId: number, siteId: string): Promise<StaffRole | undefined> {
    const row = await this.db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).where('site_id', '=', siteId).executeTakeFirst();
    return row?.role;
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
