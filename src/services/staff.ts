import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { RateLimitStore } from '../adapters/rate-limit/rate-limit.js';
import type { StaffRole } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';
import { ServiceError, invalid, notFound } from './errors.js';
import { staffWith, type Actor } from './actor.js';

export type { StaffRole };

export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'editor', 'author', 'moderator'];
export const PASSWORD_MIN_LENGTH = 12;
/** A session lasts this long after its last use. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3_600_000;
/**
 * Sign-in limits, per 15 minutes. Nobody can lock a staff member out from elsewhere: the hard
 * limits count one address guessing one account, and one address trying many; guesses at one
 * account from everywhere only slow its sign-in down (argon2 already makes each guess cost).
 */
export const SIGN_IN_LIMITS = {
  perAddressAndEmail: { limit: 10, windowMs: 15 * 60_000 },
  perAddress: { limit: 30, windowMs: 15 * 60_000 },
  /** Attempts at one account from anywhere before each further one waits `slowDownMs`. */
  perEmailBeforeSlowDown: { limit: 10, windowMs: 15 * 60_000 },
  slowDownMs: 1000,
};
/** Sliding the expiry writes to the database; once a minute per session is plenty. */
const TOUCH_EVERY_MS = 60_000;

export interface StaffMember {
  id: number;
  email: string;
  name: string;
  /** Their role on the site the request is for (staff act per site). */
  role: StaffRole;
}

export interface StaffSession {
  staff: StaffMember;
  /** Every state-changing staff form, and API writes authenticated by the cookie, must echo it. */
  csrfToken: string;
  expiresAt: number;
}

export interface NewStaffInput {
  email: string;
  name: string;
  role?: string;
  password: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stored session ids are SHA-256 of the token, so a leaked database holds no usable sessions. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Staff accounts: who may moderate, how they prove it, and how long a sign-in lasts. */
export class StaffService {
  /** Unknown e-mail addresses are verified against this, so they take as long as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    private readonly limiter: RateLimitStore,
    private readonly rateLimits: { enabled: boolean },
    private readonly now: () => number = Date.now,
  ) {}

  /** A staff account with a role on the site `siteId` (the default site unless told); none on any other. */
  async createStaff(input: NewStaffInput, siteId: string = DEFAULT_SITE_ID): Promise<StaffMember> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) throw invalid('email_invalid', 'email', 'The e-mail address does not look like name@example.org.');
    const name = input.name.trim();
    if (name.length < 1 || name.length > 80) throw invalid('name_invalid', 'name', 'The name must be 1 to 80 characters; readers see it in "Last edited by".');
    const role = input.role ?? 'moderator';
    if (!(STAFF_ROLES as readonly string[]).includes(role)) throw invalid('role_invalid', 'role', `The role must be one of ${STAFF_ROLES.join(', ')}.`);
    if (input.password.length < PASSWORD_MIN_LENGTH) {
      throw invalid('password_too_short', 'password', `The password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
    }
    if (input.password.length > 1000) throw invalid('password_too_long', 'password', 'The password must be at most 1000 characters.');
    if (await this.store.staff.findStaffByEmail(email)) {
      throw new ServiceError('conflict', 'email_taken', `A staff account with the e-mail ${email} already exists.`, 'email');
    }
    // @node-rs/argon2 hashes with argon2id by default.
    const passwordHash = await hash(input.password);
    const row = await this.store.transaction((tx) => tx.staff.insertStaff({ email, name, role: role as StaffRole, password_hash: passwordHash, created_at: this.now() }, siteId));
    return { id: row.id, email: row.email, name: row.name, role: row.role };
  }

  /**
   * Returns a new session token, or throws `unauthorized` without saying whether the e-mail or the
   * password was wrong. `client` (a hashed address) is counted against the sign-in limit.
   */
  async signIn(emailInput: string, password: string, client: string | null = null): Promise<{ token: string; session: StaffSession }> {
    const email = emailInput.trim().toLowerCase();
    await this.enforceSignInLimit(email, client);
    const staff = await this.store.staff.findStaffByEmail(email);
    // Verify even when there is no such account, so response time does not reveal which addresses exist.
    const matches = await verify(staff?.password_hash ?? (await this.dummy()), password).catch(() => false);
    if (!staff || !matches || staff.disabled) {
      throw new ServiceError('unauthorized', 'sign_in_failed', 'Wrong e-mail or password.');
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const session = { id: sessionIdOf(token), staff_id: staff.id, created_at: now, expires_at: now + SESSION_LIFETIME_MS, last_seen_at: now, csrf_token: randomBytes(24).toString('base64url') };
    await this.store.staff.insertSession(session);
    return { token, session: { staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role }, csrfToken: session.csrf_token, expiresAt: session.expires_at } };
  }

  /** Gives a staff member a role on a site (or changes the one they have there). */
  async grantRole(staffId: number, siteId: string, role: StaffRole): Promise<void> {
    if (!(STAFF_ROLES as readonly string[]).includes(role)) throw invalid('role_invalid', 'role', `The role must be one of ${STAFF_ROLES.join(', ')}.`);
    await this.store.staff.setRole(staffId, siteId, role);
  }

  /** The staff of the admin's site and their roles there: admins only. */
  async staffOfSite(actor: Actor): Promise<(StaffMember & { disabled: boolean })[]> {
    staffWith(actor, 'manageSite');
    return (await this.store.staff.staffOn(actor.siteId)).map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, disabled: r.disabled === 1 }));
  }

  /** An admin adds a staff member to their site, with a role there and nowhere else. */
  async addToSite(input: NewStaffInput, actor: Actor): Promise<StaffMember> {
    staffWith(actor, 'manageSite');
    return this.createStaff(input, actor.siteId);
  }

  /** An admin changes the role of one of their site's staff; another site's staff are not found. */
  async changeRole(staffId: number, role: string, actor: Actor): Promise<StaffMember> {
    staffWith(actor, 'manageSite');
    if (!(STAFF_ROLES as readonly string[]).includes(role)) throw invalid('role_invalid', 'role', `The role must be one of ${STAFF_ROLES.join(', ')}.`);
    const member = (await this.store.staff.staffOn(actor.siteId)).find((r) => r.id === staffId);
    if (!member) throw notFound('staff_not_found', `No staff member with id ${staffId} on this site.`);
    await this.store.staff.setRole(staffId, actor.siteId, role as StaffRole);
    return { id: member.id, email: member.email, name: member.name, role: role as StaffRole };
  }

  /**
   * The signed-in staff member for a session token, with their role on the site `siteId`; null when
   * the token is unknown, expired or disabled. `elsewhere` when they are staff, but not of this site.
   */
  async sessionOn(siteId: string, token: string): Promise<StaffSession | 'elsewhere' | null> {
    const session = await this.sessionFor(token);
    if (!session) return null;
    const role = await this.store.staff.roleOn(session.staff.id, siteId);
    if (!role) return 'elsewhere';
    return { ...session, staff: { ...session.staff, role } };
  }

  /** The signed-in staff member for a session token, or null when it is unknown, expired or disabled. */
  async sessionFor(token: string): Promise<StaffSession | null> {
    if (!token) return null;
    const id = sessionIdOf(token);
    const row = await this.store.staff.findSession(id);
    const now = this.now();
    if (!row || row.disabled) return null;
    if (row.expires_at <= now) {
      await this.store.staff.deleteSession(id);
      return null;
    }
    let expiresAt = row.expires_at;
    if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
      expiresAt = now + SESSION_LIFETIME_MS;
      await this.store.staff.touchSession(id, now, expiresAt);
    }
    return { staff: { id: row.staff_id, email: row.email, name: row.name, role: row.role }, csrfToken: row.csrf_token, expiresAt };
  }

  async signOut(token: string): Promise<void> {
    if (token) await this.store.staff.deleteSession(sessionIdOf(token));
    // Signing out is rare; a good moment to drop sessions nobody will use again.
    await this.store.staff.deleteExpiredSessions(this.now());
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hash(randomBytes(16).toString('base64url'));
    return this.dummyHash;
  }

  /** Guessing passwords is slowed per address and per account; off with TRIBUNE_RATE_LIMITS=off. */
  private async enforceSignInLimit(email: string, client: string | null): Promise<void> {
    if (!this.rateLimits.enabled) return;
    const limits = SIGN_IN_LIMITS;
    const keys = client
      ? [
          { key: `staff-sign-in:pair:${client}:${email}`, ...limits.perAddressAndEmail },
          { key: `staff-sign-in:client:${client}`, ...limits.perAddress },
        ]
      : [];
    for (const { key, limit, windowMs } of keys) {
      const decision = await this.limiter.hit(key, limit, windowMs);
      if (!decision.allowed) {
        const minutes = Math.ceil(decision.retryAfterMs / 60_000);
        throw new ServiceError('rate_limited', 'rate_limited', `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, decision.retryAfterMs);
      }
    }
    const onAccount = await this.limiter.hit(`staff-sign-in:email:${email}`, limits.perEmailBeforeSlowDown.limit, limits.perEmailBeforeSlowDown.windowMs);
    if (!onAccount.allowed) await new Promise((resolve) => setTimeout(resolve, limits.slowDownMs));
  }

}
