import type { StaffRole } from '../store/schema.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';
import { ServiceError } from './errors.js';

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
