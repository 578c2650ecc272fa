import type { FastifyRequest } from 'fastify';
import type { Actor } from '../services/actor.js';
import { ServiceError, forbidden } from '../services/errors.js';
import type { HttpContext } from './context.js';

/**
 * The request's actor when it carries staff powers: the admin bearer token acts as an admin
 * without an account; a signed-in staff member's session counts (for API writes, only with its
 * X-CSRF-Token, which the session hook checks). Refuses anyone else.
 */
export function requireModerator(ctx: HttpContext, request: FastifyRequest): Actor {
  const actor = ctx.readers.identify(request);
  if (!actor.staff && request.staffOfOtherSite) throw forbidden('not_staff_here', 'You are not on the staff of this site.');
  if (!actor.staff) throw new ServiceError('unauthorized', 'unauthorized', 'Sign in as staff (cookie and X-CSRF-Token) or send Authorization: Bearer <admin token>.');
  return actor;
}
