import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ServiceError, forbidden } from '../services/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM = 'application/x-www-form-urlencoded';
/** Where a browser without script posts a form on purpose; every other write is JSON. */
const isFormRoute = (url: string) =>
  url.startsWith('/staff/') ||
  url.startsWith('/sign-in/') ||
  url === '/sign-in' ||
  url.startsWith('/account/') ||
  /^\/articles\/[^/?]+\/(comments|subscriptions)(\?|$)/.test(url) ||
  /^\/comments\/\d+\/vote(\?|$)/.test(url) ||
  /^\/(authors\/[^/?]+|readers\/\d+)\/follow(\?|$)/.test(url) ||
  /^\/subscriptions\/[^/?]+\/confirm(\?|$)/.test(url) ||
  isSignedByHostSite(url);
/**
 * Single sign-on's form is posted by the host site's page, another site by design; it carries its
 * own proof, a payload signed with the secret only the host site and Tribune hold.
 */
const isSignedByHostSite = (url: string) => url === '/auth/sso' || url.startsWith('/auth/sso?');
/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` as a form with
 * no Origin, and the same link's page posts it from a browser. Exempt on purpose: the token is the
 * proof, and the only thing such a request can do is end the subscription it names.
 */
const isOneClickUnsubscribe = (url: string) => /^\/api\/v1\/unsubscribe\/[^/?]+(\?|$)/.test(url);

/**
 * Refuses writes another site could make a visitor's browser send. A browser sends cookies
 * (the reader's, a staff member's) with a form posted from any page, so:
 * - the JSON API takes no form bodies (415): a page elsewhere cannot send JSON without asking
 *   first (a CORS preflight nobody answers);
 * - a form post, or any write carrying cookies, must come from a page of this site, as the
 *   browser's `Origin` (or `Sec-Fetch-Site`) says. Clients that are not browsers send neither
 *   and are not cookie-authenticated in the browser's sense, so they pass.
 */
export function refuseCrossSiteWrites(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  // A callback hook, not an async one: a read (most requests) costs no promise here.
  if (SAFE_METHODS.has(request.method)) return done();
  try {
    refuseIfCrossSite(request);
  } catch (error) {
    return done(error as Error);
  }
  done();
}

function refuseIfCrossSite(request: FastifyRequest): void {
  if (isOneClickUnsubscribe(request.url)) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const form = type === FORM || type === 'multipart/form-data';
  if (form && !isFormRoute(request.url)) {
    throw new ServiceError('unsupported', 'unsupported_media_type', 'Send JSON with Content-Type: application/json.', 'content-type');
  }
  if (!form && !request.headers.cookie) return;
  if (isSignedByHostSite(request.url)) return;
  const origin = request.headers.origin;
  if (origin === undefined) {
    if (request.headers['sec-fetch-site'] === 'cross-site') throw crossSite();
    return;
  }
  if (hostOf(origin) !== request.host) throw crossSite();
}

/** The host of an Origin header; null for "null" and anything unparsable (an opaque origin, never ours). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

const crossSite = () => forbidden('cross_origin', 'This request came from a page of another site; reload this site and try again.');
