import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { ServiceError } from '../../services/errors.js';
import type { ReaderAccount } from '../../services/reader-accounts.js';
import { avatarUrlOf, profileUrlOf } from '../../services/comment-view.js';
import { endReaderSession, siteIdOf, startReaderSession } from '../reader-session.js';
import { DEFAULT_SITE_ID } from '../../shared/site.js';
import { identiconSvg } from '../views/identicon.js';
import { renderSignInLinkGone, renderSignInLinkPage, renderSignInLinkSentPage, renderSignInPage } from '../views/reader-sign-in.js';
import { sameSitePath } from '../return-to.js';
import { renderReaderProfilePage } from '../views/reader-profile.js';

const HTML = 'text/html; charset=utf-8';
const ReaderParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ProfileQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) });
const MagicLinkBody = Type.Object({
  email: Type.String({ maxLength: 1000 }),
  returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
  name: Type.Optional(Type.String({ maxLength: 1000 })),
});
const SignInForm = Type.Object({ name: Type.Optional(Type.String({ maxLength: 1000 })) });
const AskForLinkForm = Type.Object({
  email: Type.String({ maxLength: 1000 }),
  returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
  name: Type.Optional(Type.String({ maxLength: 1000 })),
});
const ReturnToQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) });

/** The same answer whether or not the address has an account, or can even receive mail. */
const LINK_SENT = {
  sent: true,
  message: 'Check your inbox: a sign-in link is on its way to that address. It works once, within 15 minutes.',
};

/** The signed-in reader as they see themselves; their e-mail is for their eyes only. */
export function ownView(account: ReaderAccount) {
  return { id: account.id, name: account.name, email: account.email, avatarUrl: avatarUrlOf(account.id), profileUrl: profileUrlOf(account.id) };
}

/** Pages holding a live sign-in token: never cached, and the token never sent on in a Referer. */
function privatePage(reply: FastifyReply): FastifyReply {
  return reply.type(HTML).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

/** Reader accounts: asking for a sign-in link, following it, who is signed in, signing out, readers' pictures. */
export const readerAccountRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  /** The request's site as pages show it: its own name, the installation's tagline. */
  const siteOf = (request: FastifyRequest) => ({ ...ctx.config.site, name: request.site.name });
  /** Where mailed links point: the configured public origin, else the one the reader asked from. */
  const originOf = (request: FastifyRequest) => (request.site.id === DEFAULT_SITE_ID && ctx.config.publicUrl) || `${request.protocol}://${request.host}`;

  app.post('/api/v1/auth/magic-link', { schema: { body: MagicLinkBody } }, async (request, reply) => {
    const { email, returnTo, name } = request.body;
    await ctx.signInLinks.requestLink({
      siteId: siteIdOf(request),
      siteName: request.site.name,
      email,
      returnTo,
      name,
      origin: originOf(request),
      client: ctx.readers.identify(request, reply).ipHash,
    });
    return reply.status(202).header('cache-control', 'no-store').send(LINK_SENT);
  });

  // "Sign in by e-mail" under every discussion leads here; the form works without script.
  app.get('/sign-in', { schema: { querystring: ReturnToQuery } }, async (request, reply) => {
    const choices = ctx.openIdSignIn.choices(siteIdOf(request)).map((p) => ({ name: p.name, url: `/auth/openid/${encodeURIComponent(p.id)}?returnTo=${encodeURIComponent(sameSitePath(request.query.returnTo))}` }));
    return reply.type(HTML).header('cache-control', 'no-store').send(renderSignInPage({ site: siteOf(request), returnTo: sameSitePath(request.query.returnTo), choices }));
  });

  app.post('/sign-in', { schema: { body: AskForLinkForm } }, async (request, reply) => {
    const { email, returnTo, name } = request.body;
    await ctx.signInLinks.requestLink({
      siteId: siteIdOf(request),
      siteName: request.site.name,
      email,
      returnTo: sameSitePath(returnTo),
      name,
      origin: originOf(request),
      client: ctx.readers.identify(request, reply).ipHash,
    });
    return reply.type(HTML).header('cache-control', 'no-store').send(renderSignInLinkSentPage({ site: siteOf(request), message: LINK_SENT.message, returnTo: sameSitePath(returnTo) }));
  });

  app.get('/sign-in/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const link = await ctx.signInLinks.preview(siteIdOf(request), request.params.token);
    if (!link) return privatePage(reply).status(410).send(renderSignInLinkGone({ site: siteOf(request) }));
    return privatePage(reply).send(renderSignInLinkPage({ site: siteOf(request), token: request.params.token, link }));
  });

  // A form post from this site's own page (same-origin.ts refuses one from elsewhere).
  app.post('/sign-in/:token', { schema: { params: TokenParams, body: Type.Optional(SignInForm) } }, async (request, reply) => {
    const used = await ctx.signInLinks.useLink(siteIdOf(request), request.params.token, { name: request.body?.name });
    if (!used) return privatePage(reply).status(410).send(renderSignInLinkGone({ site: siteOf(request) }));
    await startReaderSession(request, reply, used.account);
    return reply.header('cache-control', 'no-store').redirect(used.returnTo, 303);
  });

  app.get('/api/v1/me', async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    const account = request.readerAccount;
    if (!account) throw new ServiceError('unauthorized', 'not_signed_in', 'You are not signed in.');
    return { reader: ownView(account) };
  });

  app.post('/api/v1/auth/sign-out', async (request, reply) => {
    await endReaderSession(request, reply);
    return reply.status(204).send();
  });

  // Public, linked from a reader's name and @mentions: what others already see of them, gathered; never their address.
  app.get('/readers/:id', { schema: { params: ReaderParams, querystring: ProfileQuery } }, async (request, reply) => {
    const profile = await ctx.readerProfiles.profile(siteIdOf(request), request.params.id, request.query.before);
    if (!profile) throw new ServiceError('not_found', 'reader_not_found', 'There is no reader with this number on this site.');
    // Asked again each time: a rename, a removed comment or a deleted account shows at once, also to the browser that saw it before.
    return reply.type(HTML).header('cache-control', 'no-cache').send(renderReaderProfilePage(siteOf(request), profile));
  });

  // Drawn from the account id alone, without a database read: the same picture for everyone, cached a long time.
  app.get('/readers/:id/avatar.svg', { schema: { params: ReaderParams } }, async (request, reply) => {
    return reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=604800, immutable')
      .send(identiconSvg(`${siteIdOf(request)}:${request.params.id}`));
  });
};
