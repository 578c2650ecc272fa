import type { FastifyRequest } from 'fastify';
import type { Actor } from '../services/actor.js';
import { ServiceError, forbidden } from '../services/errors.js';
import type { HttpContext } from './context.js';

/**
 * The request's actor when it is staff of this site: the admin bearer token acts as an admin
 * without an account; a signed-in staff member's session counts (for API writes, only with its
 * X-CSRF-Token, which the session hook checks). Refuses anyone else. What their role lets them do
 * (moderate, publish, manage the site) the services decide (`ROLE_POWERS`).
 */
export function requireStaff(ctx: HttpContext, request: FastifyRequest): Actor {
  const actor = ctx.readers.identify(request);
  if (!actor.staff && request.staffOfOtherSite) throw notStaffHere();
  if (!actor.staff) throw new ServiceError('unauthorized', 'unauthorized', 'Sign in as staff (cookie and X-CSRF-Token) or send Authorization: Bearer <admin token>.');
  return actor;
}

/** Signed in as staff of another site: refused here, with the reason, rather than asked to sign in. */
export const notStaffHere = () => forbidden('not_staff_here', 'You are signed in as staff of another site, not of this one.');
