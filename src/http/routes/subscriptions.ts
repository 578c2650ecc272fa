import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { HttpContext } from '../context.js';
import { pageSiteOf, requestOrigin } from '../request-site.js';
import { KIND_WORDS } from '../../services/subscriptions.js';
import { renderSubscriptionPage } from '../views/subscription.js';
import { ServiceError } from '../../services/errors.js';
import { describeError } from '../errors.js';
import { ThreadKeyParams } from './schemas.js';

const SubscribeBody = Type.Object({
  kind: Type.Union([Type.Literal('thread'), Type.Literal('replies')]),
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  delivery: Type.Optional(Type.Union([Type.Literal('now'), Type.Literal('daily')])),
});
// As SubscriptionService makes them: 32 random bytes, base64url.
const ArticleParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });

const HTML = 'text/html; charset=utf-8';

const wantsPage = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

/** Following a thread by e-mail: subscribing, confirming a guest's address, and leaving in one click. */
export const subscriptionRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  const siteOf = (request: FastifyRequest) => pageSiteOf(ctx.config.site, request);
  const page = (reply: FastifyReply, status: number, title: string, message: string, form?: { action: string; label: string }, back?: { href: string; label: string }) =>
    reply.status(status).type(HTML).header('cache-control', 'no-store').send(renderSubscriptionPage({ site: siteOf(reply.request), title, message, ...(form ? { form } : {}), ...(back ? { back } : {}) }));

  /** One subscribe, from the API or the page's form: the thread is named by its key. */
  const subscribe = async (request: FastifyRequest<{ Body: Static<typeof SubscribeBody> }>, reply: FastifyReply, threadKey: string) => {
    const reader = ctx.readers.identify(request, reply, { create: true });
    // Each guest subscription mails someone: limited like posting, by the site's own limit where it set one.
    if (!request.readerAccount) await ctx.comments.enforceRate('subscription', reader, ctx.config.rateLimits.comments, 'comments');
    return ctx.subscriptions.subscribe(threadKey, request.body, {
      account: request.readerAccount,
      readerId: reader.readerId,
      siteId: request.site.id,
      origin: requestOrigin(request),
    });
  };

  app.post('/api/v1/threads/:key/subscriptions', { schema: { params: ThreadKeyParams, body: SubscribeBody } }, async (request, reply) => {
    const subscription = await subscribe(request, reply, request.params.key);
    reply.header('cache-control', 'private, no-store');
    if (subscription.confirmed) return reply.status(201).send({ subscription });
    return reply.status(202).send({ subscription, message: 'Check your inbox: we sent a link to confirm the address. Nothing is sent until you confirm.' });
  });

  // The discussion's subscribe bar posts here when the browser runs no script.
  app.post('/articles/:slug/subscriptions', { schema: { params: ArticleParams, body: SubscribeBody } }, async (request, reply) => {
    const back = { href: `/articles/${encodeURIComponent(request.params.slug)}#comments`, label: 'Back to the discussion' };
    try {
      // An article's thread key is its slug.
      const subscription = await subscribe(request, reply, request.params.slug);
      if (subscription.confirmed) return page(reply, 201, 'You are subscribed', `We will mail you ${KIND_WORDS[subscription.kind]} in the discussion of “${subscription.thread.title}”. Every mail has a link to stop.`, undefined, back);
      return page(reply, 202, 'Check your inbox', 'We sent a link to confirm the address. Nothing is sent until you confirm.', undefined, back);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      const { status, body } = describeError(error);
      return page(reply, status, 'That did not work', body.error.message, undefined, back);
    }
  });

  app.get('/subscriptions/:token/confirm', { schema: { params: TokenParams } }, async (request, reply) => {
    const found = await ctx.subscriptions.describe(request.params.token);
    if (!found) return page(reply, 404, 'This link does not work', 'The subscription was ended, or the link is incomplete. You can subscribe again from the discussion.');
    if (found.confirmed) return page(reply, 200, 'You are subscribed', `${found.email} gets ${KIND_WORDS[found.kind]} in the discussion of “${found.thread.title}”.`);
    return page(reply, 200, 'Confirm your subscription', `Mail ${KIND_WORDS[found.kind]} in the discussion of “${found.thread.title}” to ${found.email}?`, {
      action: `/subscriptions/${encodeURIComponent(request.params.token)}/confirm`,
      label: 'Confirm subscription',
    });
  });

  app.post('/subscriptions/:token/confirm', { schema: { params: TokenParams } }, async (request, reply) => {
    const found = await ctx.subscriptions.describe(request.params.token);
    if (!found || !(await ctx.subscriptions.confirm(request.params.token))) {
      return page(reply, 404, 'This link does not work', 'The subscription was ended, or the link is incomplete. You can subscribe again from the discussion.');
    }
    return page(reply, 200, 'You are subscribed', `${found.email} gets ${KIND_WORDS[found.kind]} in the discussion of “${found.thread.title}”. Every mail has a link to stop.`);
  });

  app.get('/api/v1/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const found = await ctx.subscriptions.describe(request.params.token);
    if (!found) {
      // A follow's or mention mails' link (follows.ts) leaves through the same page and button.
      const personal = await ctx.follows.describeLink(request.params.token);
      if (!personal) return page(reply, 200, 'You are not subscribed', 'This link follows nothing any more: you were unsubscribed already.');
      return page(reply, 200, 'Unsubscribe', `Stop mailing ${personal.email} about ${personal.what}?`, { action: `/api/v1/unsubscribe/${encodeURIComponent(request.params.token)}`, label: 'Unsubscribe' });
    }
    return page(reply, 200, 'Unsubscribe', `Stop mailing ${found.email} about ${KIND_WORDS[found.kind]} in the discussion of “${found.thread.title}”?`, {
      action: `/api/v1/unsubscribe/${encodeURIComponent(request.params.token)}`,
      label: 'Unsubscribe',
    });
  });

  // RFC 8058 one-click: no sign-in, no Origin (mail clients send none); it can only ever remove a subscription.
  // The body (`List-Unsubscribe=One-Click` from a mail client, nothing from the page's button) says nothing more.
  app.post('/api/v1/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const fromThread = await ctx.subscriptions.unsubscribe(request.params.token);
    const removed = fromThread || (await ctx.follows.unsubscribe(request.params.token));
    if (wantsPage(request)) {
      const done = fromThread ? 'You will get no more mail about this discussion.' : 'You will get no more of these mails.';
      return page(reply, 200, 'You are unsubscribed', removed ? done : 'This link follows nothing any more: you were unsubscribed already.');
    }
    return reply.header('cache-control', 'no-store').send({ unsubscribed: true, removed });
  });
};
