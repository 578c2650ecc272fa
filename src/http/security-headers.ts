import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers on every answer that tell the browser what a page may do. The policy allows no inline
 * script and no script from elsewhere, so markup that slips through is inert; styles may be
 * inline (the widget sets a few). Staff pages are never framed; article pages only by this site.
 */
const policy = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Article images may live on the site's own media host.
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

const PUBLIC_POLICY = policy("'self'");
const STAFF_POLICY = policy("'none'");

/** Answers that show staff, bans or one reader's own data: never kept by a browser or shared cache. */
const isPrivate = (url: string) => url === '/staff' || url.startsWith('/api/v1/ledger') || url.startsWith('/staff/') || url.startsWith('/staff?') || url.startsWith('/api/v1/moderation/') || url.startsWith('/api/v1/admin/');

const PUBLIC_HEADERS = { 'content-security-policy': PUBLIC_POLICY, 'x-frame-options': 'SAMEORIGIN', 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };
const STAFF_HEADERS = { 'content-security-policy': STAFF_POLICY, 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };

/** An `onSend` callback hook (no promise per answer). */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void): void {
  const staff = isPrivate(request.url);
  reply.headers(staff ? STAFF_HEADERS : PUBLIC_HEADERS);
  if (staff || request.staffSession) reply.header('cache-control', 'no-store');
  done(null, payload);
}
