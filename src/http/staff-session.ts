import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { StaffService, StaffSession } from '../services/staff.js';
import { forbidden } from '../services/errors.js';
import { notStaffHere } from './staff-guard.js';

export const STAFF_COOKIE = 'tribune_staff';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member's session, resolved once per request from the staff cookie, with their role on the request's site. */
    staffSession: StaffSession | null;
    /** Signed in as staff, but with no role on the request's site: refused there, not asked to sign in. */
    staffOfOtherSite: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Constant-time comparison of two tokens, so a CSRF token cannot be guessed byte by byte. */
export function sameToken(given: string | undefined | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

const isStaffPage = (url: string) => url === '/staff' || url.startsWith('/staff/') || url.startsWith('/staff?');
/** Open to anyone: staff of another site may still sign in here with an account of this site, or sign out. */
const isSignInPage = (url: string) => /^\/staff\/sign-(in|out)(?:[?#]|$)/.test(url);

/**
 * Resolves the staff cookie before routes run, so `identify()` stays synchronous.
 *
 * A cookie is sent by the browser whoever made the page that fires the request, so on writes it
 * only counts with proof the page was ours: staff forms carry a `csrf` field (checked by their
 * routes, since the body is not parsed yet here); everything else must send `X-CSRF-Token`.
 * Without the header the request is an ordinary reader's (the discussion widget keeps working for
 * signed-in staff, without their powers); with a wrong one it is refused.
 */
export function staffSessionHook(staff: StaffService) {
  const resolve = async (request: FastifyRequest, token: string): Promise<void> => {
    const found = await staff.sessionOn(request.site.id, token);
    if (!found) return;
    if (found === 'elsewhere') {
      request.staffOfOtherSite = true;
      // Sending them to sign in again would only loop: they are signed in, just not here.
      if (isStaffPage(request.url) && !isSignInPage(request.url)) throw notStaffHere();
      return;
    }
    const session = found;
    if (!SAFE_METHODS.has(request.method) && !isStaffPage(request.url)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string') return;
      if (!sameToken(header, session.csrfToken)) {
        throw forbidden('csrf_token_mismatch', 'X-CSRF-Token does not match your staff session; reload the page and try again.');
      }
    }
    request.staffSession = session;
  };
  // A callback hook: a request without the cookie (every reader's) costs no promise here.
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const token = request.cookies[STAFF_COOKIE];
    if (!token) return done();
    resolve(request, token).then(() => done(), done);
  };
}
