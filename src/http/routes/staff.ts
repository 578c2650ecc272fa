import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { ServiceError } from '../../services/errors.js';
import { SESSION_LIFETIME_MS } from '../../services/staff.js';
import { STAFF_COOKIE, sameToken } from '../staff-session.js';
import { renderErrorPage } from '../views/error.js';
import { pageSiteOf } from '../request-site.js';
import { renderSignInPage } from '../views/staff/sign-in.js';
import { renderStaffHome } from '../views/staff/home.js';

/** The sign-in form's double-submit token: there is no session yet to hold one. */
const SIGN_IN_CSRF_COOKIE = 'tribune_staff_csrf';
const HTML = 'text/html; charset=utf-8';

const SignInForm = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
const CsrfForm = Type.Object({ csrf: Type.Optional(Type.String({ maxLength: 200 })) });

const cookieOptions = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' });

/** Staff pages: sign in, sign out, and the signed-in landing page. */
export const staffRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const siteOf = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request);

  // Staff pages show who is signed in and carry CSRF tokens: never from a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const refuseForm = (reply: FastifyReply) =>
    reply
      .status(403)
      .type(HTML)
      .send(renderErrorPage({ site: siteOf(reply.request), status: 403, title: 'This form has expired', message: 'Reload the page and try again.' }));

  const signInToken = (request: FastifyRequest, reply: FastifyReply) => {
    const existing = request.cookies[SIGN_IN_CSRF_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(SIGN_IN_CSRF_COOKIE, token, cookieOptions(request));
    return token;
  };

  app.get('/staff/sign-in', async (request, reply) => {
    if (request.staffSession) return reply.redirect('/staff', 303);
    return reply.type(HTML).send(renderSignInPage({ site: siteOf(request), csrf: signInToken(request, reply) }));
  });

  app.post('/staff/sign-in', { schema: { body: SignInForm } }, async (request, reply) => {
    const { email = '', password = '', csrf } = request.body;
    const expected = request.cookies[SIGN_IN_CSRF_COOKIE];
    if (!expected || !sameToken(csrf, expected)) return refuseForm(reply);
    try {
      const { token } = await ctx.staff.signIn(email, password, ctx.readers.identify(request, reply).ipHash);
      reply.setCookie(STAFF_COOKIE, token, { ...cookieOptions(request), maxAge: SESSION_LIFETIME_MS / 1000 });
      return reply.redirect('/staff', 303);
    } catch (error) {
      if (!(error instanceof ServiceError) || (error.kind !== 'unauthorized' && error.kind !== 'rate_limited')) throw error;
      if (error.retryAfterMs) reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
      const status = error.kind === 'rate_limited' ? 429 : 401;
      const message = error.kind === 'rate_limited' ? error.message : 'Wrong e-mail or password.';
      return reply.status(status).type(HTML).send(renderSignInPage({ site: siteOf(request), csrf: expected, email, error: message }));
    }
  });

  app.post('/staff/sign-out', { schema: { body: CsrfForm } }, async (request, reply) => {
    const session = request.staffSession;
    if (session) {
      if (!sameToken(request.body.csrf, session.csrfToken)) return refuseForm(reply);
      await ctx.staff.signOut(request.cookies[STAFF_COOKIE] ?? '');
    }
    reply.clearCookie(STAFF_COOKIE, cookieOptions(request));
    return reply.redirect('/staff/sign-in', 303);
  });

  app.get('/staff', async (request, reply) => {
    const session = request.staffSession;
    if (!session) return reply.redirect('/staff/sign-in', 303);
    // The session slides on use; the cookie follows, so active staff stay signed in.
    reply.setCookie(STAFF_COOKIE, request.cookies[STAFF_COOKIE]!, { ...cookieOptions(request), maxAge: SESSION_LIFETIME_MS / 1000 });
    return reply.type(HTML).send(renderStaffHome({ site: siteOf(request), session }));
  });
};
