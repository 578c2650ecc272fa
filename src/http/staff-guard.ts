import type { FastifyRequest } from 'fastify';
import type { Moderator } from '../services/moderation-queue.js';
import { ServiceError } from '../services/errors.js';
import type { HttpContext } from './context.js';

/**
 * The staff member making a request: the admin bearer token acts as an admin without an account;
 * a signed-in moderator's session counts (for API writes, only with its X-CSRF-Token, which the
 * session hook checks). Null for anyone else.
 */
export function moderatorOf(ctx: HttpContext, request: FastifyRequest): Moderator | null {
  if (ctx.readers.isStaff(request)) return { id: null, name: 'Staff', role: 'admin' };
  const session = request.staffSession;
  return session ? { id: session.staff.id, name: session.staff.name, role: session.staff.role } : null;
}

/** As `moderatorOf`, refusing anyone who is not staff. */
export function requireModerator(ctx: HttpContext, request: FastifyRequest): Moderator {
  const moderator = moderatorOf(ctx, request);
  if (!moderator) throw new ServiceError('unauthorized', 'unauthorized', 'Sign in as staff (cookie and X-CSRF-Token) or send Authorization: Bearer <admin token>.');
  return moderator;
}
