import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { pageSiteOf } from '../request-site.js';
import { ServiceError } from '../../services/errors.js';
import type { ReaderAccount } from '../../services/reader-accounts.js';
import { DEFAULT_SITE_ID } from '../../shared/site.js';
import { startReaderSession } from '../reader-session.js';
import { sameSitePath } from '../return-to.js';
import { renderErrorPage } from '../views/error.js';

/** A JWT or a Disqus-style payload; either stays well under this. */
const PAYLOAD_MAX = 8192;
const SsoBody = Type.Object({ payload: Type.String({ minLength: 1, maxLength: PAYLOAD_MAX }) });
const SsoForm = Type.Object({ payload: Type.String({ minLength: 1, maxLength: PAYLOAD_MAX }), returnTo: Type.Optional(Type.String({ maxLength: 2000 })) });
const ProviderParams = Type.Object({ provider: Type.String({ minLength: 1, maxLength: 40 }) });
const StartQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) });
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4000 })),
  state: Type.Optional(Type.String({ maxLength: 1000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
});

const HTML = 'text/html; charset=utf-8';

/** Each site has its own secret and providers: a site that set none offers neither. */
const siteIdOf = (request: FastifyRequest) => request.site.id;
const readerOf = (account: ReaderAccount) => ({ id: account.id, name: account.name });

/**
 * Signing in through another system that vouches for the reader: the host site's single sign-on,
 * and OpenID Connect providers. Each ends in the same reader session an e-mail link starts.
 */
export const signInRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const siteOf = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request);

  // Sign-in answers set or clear cookies and are one reader's: never from a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/api/v1/auth/providers', async (request) => {
    const siteId = siteIdOf(request);
    return {
      singleSignOn: ctx.singleSignOn.isOn(siteId),
      providers: ctx.openIdSignIn.choices(siteId).map((p) => ({ ...p, signInUrl: `/auth/openid/${p.id}` })),
    };
  });

  // From a script on a page of this site (or a server): the payload the host site signed.
  app.post('/api/v1/auth/sso', { schema: { body: SsoBody } }, async (request, reply) => {
    const account = await ctx.singleSignOn.signIn(siteIdOf(request), request.body.payload);
    await startReaderSession(request, reply, account);
    return { reader: readerOf(account) };
  });

  // From a host site's page: a form it posts to us with the payload, the reader's browser following.
  app.post('/auth/sso', { schema: { body: SsoForm } }, async (request, reply) => {
    const account = await ctx.singleSignOn.signIn(siteIdOf(request), request.body.payload);
    await startReaderSession(request, reply, account);
    return reply.redirect(sameSitePath(request.body.returnTo), 303);
  });

  app.get('/auth/openid/:provider', { schema: { params: ProviderParams, querystring: StartQuery } }, async (request, reply) => {
    const { provider } = request.params;
    const { url, flow } = await ctx.openIdSignIn.start(siteIdOf(request), provider, callbackUri(request, provider, ctx.config.publicUrl));
    ctx.signInFlows.keep(request, reply, { provider, flow, returnTo: sameSitePath(request.query.returnTo) });
    return reply.redirect(url.href, 303);
  });

  app.get('/auth/openid/:provider/callback', { schema: { params: ProviderParams, querystring: CallbackQuery } }, async (request, reply) => {
    const { provider } = request.params;
    const pending = ctx.signInFlows.take(request, reply, provider);
    let account: ReaderAccount;
    try {
      account = await ctx.openIdSignIn.finish(
        siteIdOf(request),
        provider,
        { url: new URL(request.url, callbackUri(request, provider, ctx.config.publicUrl)), state: request.query.state ?? null, error: request.query.error ?? null },
        pending?.flow ?? null,
      );
    } catch (error) {
      if (!(error instanceof ServiceError) || (error.kind !== 'unauthorized' && error.kind !== 'invalid')) throw error;
      return notSignedIn(reply, error.kind === 'invalid' ? 400 : 401, error.message);
    }
    await startReaderSession(request, reply, account);
    return reply.redirect(pending!.returnTo, 303);
  });

  const notSignedIn = (reply: FastifyReply, status: number, message: string) =>
    reply.status(status).type(HTML).send(renderErrorPage({ site: siteOf(reply.request), status, title: 'You are not signed in', message }));
};

/**
 * Where the provider sends the reader back: the default site's public address when it is set (as
 * sign-in links use), otherwise the one the reader came to; this is the address to register with
 * the provider, and a provider refuses any other, so a forged Host header leads nowhere.
 */
function callbackUri(request: FastifyRequest, provider: string, publicUrl: string | null): string {
  const origin = (request.site.id === DEFAULT_SITE_ID && publicUrl) || `${request.protocol}://${request.host}`;
  return `${origin}/auth/openid/${encodeURIComponent(provider)}/callback`;
}
