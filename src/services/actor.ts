import type { StaffRole } from '../store/schema.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';
import { ServiceError, forbidden } from './errors.js';

/** A signed-in reader's account, as far as acting goes. */
export interface ActorAccount {
  id: number;
  name: string;
  /** Their verified address, never shown to others; null when none was vouched for. */
  email: string | null;
}

/** A staff member using their powers; the admin token acts as an admin without an account (id null). */
export interface ActorStaff {
  id: number | null;
  name: string;
  role: StaffRole;
}

/**
 * Whoever acts, in one shape through the services: a guest's browser (its reader cookie and the
 * keyed hash of its address), a signed-in reader (their account too), or a staff member.
 */
export interface Actor {
  /** The site they act on (the request's, from its Host): nothing they do reaches another site. */
  siteId: string;
  /** The browser's long-lived reader cookie; null when it has none, or for scripts. */
  readerId: string | null;
  ipHash: string | null;
  account: ActorAccount | null;
  staff: ActorStaff | null;
}

export function guestActor(readerId: string | null, ipHash: string | null, siteId: string = DEFAULT_SITE_ID): Actor {
  return { siteId, readerId, ipHash, account: null, staff: null };
}

export function staffActor(staff: ActorStaff, siteId: string = DEFAULT_SITE_ID): Actor {
  return { siteId, readerId: null, ipHash: null, account: null, staff };
}

/** The staff member acting, refusing anyone else: a service's own check, whatever the caller did. */
export function staffOf(actor: Actor): ActorStaff {
  if (!actor.staff) throw new ServiceError('unauthorized', 'unauthorized', 'Sign in as staff (cookie and X-CSRF-Token) or send Authorization: Bearer <admin token>.');
  return actor.staff;
}

/**
 * What each staff role may do on its site. Moderators work the queue, bans and discussions;
 * editors publish and edit every article; authors publish and edit their own; admins do all of it,
 * read the audit log, and manage the site's staff and settings. Editors and admins run the reader-funding
 * campaigns and see their ledger. The admin token acts as an admin.
 */
export const ROLE_POWERS = {
  moderate: ['admin', 'moderator'],
  publish: ['admin', 'editor', 'author'],
  editAnyArticle: ['admin', 'editor'],
  manageSite: ['admin'],
  runCampaigns: ['admin', 'editor'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPower = keyof typeof ROLE_POWERS;

export function mayDo(role: StaffRole, power: StaffPower): boolean {
  return (ROLE_POWERS[power] as readonly StaffRole[]).includes(role);
}

const POWER_REFUSALS: Record<StaffPower, [code: string, message: string]> = {
  moderate: ['moderators_only', 'Only moderators and admins can moderate discussions.'],
  publish: ['writers_only', 'Only authors, editors and admins can publish articles.'],
  editAnyArticle: ['editors_only', 'Only editors and admins can change another author\'s article.'],
  manageSite: ['admins_only', 'Only admins can manage the site\'s staff and settings.'],
  runCampaigns: ['editors_only', 'Only admins and editors run campaigns and see the ledger.'],
};

/** The staff member acting, if their role on this site holds the power; refuses everyone else. */
export function staffWith(actor: Actor, power: StaffPower): ActorStaff {
  const staff = staffOf(actor);
  if (!mayDo(staff.role, power)) throw forbidden(...POWER_REFUSALS[power]);
  return staff;
}

/** The moderator (or admin) acting: the queue, bans, closing discussions, anyone's comment. */
export const moderatorOf = (actor: Actor): ActorStaff => staffWith(actor, 'moderate');
