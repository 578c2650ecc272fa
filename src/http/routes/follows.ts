import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requestOrigin } from '../request-site.js';
import { CommentIdParams } from './schemas.js';
import { readerOf, signedInReader } from './my-content.js';
import { sameSitePath } from '../return-to.js';

const Delivery = Type.Union([Type.Literal('now'), Type.Literal('daily')]);
const Mentions = Type.Union([Type.Literal('now'), Type.Literal('daily'), Type.Literal('off')]);
const FollowBody = Type.Object({ delivery: Type.Optional(Delivery) });
const AuthorParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
const FollowParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const SettingsBody = Type.Object({ allowFollowers: Type.Optional(Type.Boolean()), mentions: Type.Optional(Mentions) });
// The settings page's forms, which work without script.
const FollowAuthorForm = Type.Object({ author: Type.String({ minLength: 1, maxLength: 120 }), delivery: Type.Optional(Delivery) });
const FollowFromArticleForm = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) });
const DeliveryForm = Type.Object({ delivery: Delivery });
const SettingsForm = Type.Object({ allowFollowers: Type.Optional(Type.Literal('on')), mentions: Mentions });


/**
 * Following authors and commenters, and how mentions are mailed: the JSON API under /api/v1 and
 * the forms of the settings page at /account. Every route acts for the signed-in reader of this
 * site, on their own follows and settings only; leaving by a mail's link is in subscriptions.ts.
 */
export const followRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });

  app.get('/api/v1/me/follows', async (request) => ctx.follows.list(readerOf(request)));

  app.post('/api/v1/authors/:slug/followers', { schema: { params: AuthorParams, body: FollowBody } }, async (request, reply) => {
    const follow = await ctx.follows.followAuthor(readerOf(request), request.params.slug, request.body.delivery ?? 'now', requestOrigin(request));
    return reply.status(201).send({ follow });
  });

  // The comment names its commenter without telling readers anything else about them.
  app.post('/api/v1/comments/:id/author/followers', { schema: { params: CommentIdParams, body: FollowBody } }, async (request, reply) => {
    const follow = await ctx.follows.followCommenterOf(readerOf(request), request.params.id, request.body.delivery ?? 'now', requestOrigin(request));
    return reply.status(201).send({ follow });
  });

  app.patch('/api/v1/me/follows/:id', { schema: { params: FollowParams, body: DeliveryForm } }, async (request) => {
    await ctx.follows.setDelivery(readerOf(request), request.params.id, request.body.delivery);
    return { follow: { id: request.params.id, delivery: request.body.delivery } };
  });

  app.delete('/api/v1/me/follows/:id', { schema: { params: FollowParams } }, async (request) => {
    await ctx.follows.unfollow(readerOf(request), request.params.id);
    return { unfollowed: true };
  });

  app.patch('/api/v1/me/notifications', { schema: { body: SettingsBody } }, async (request) => {
    const { allowFollowers, mentions } = request.body;
    return { settings: await ctx.follows.updateSettings(readerOf(request), { ...(allowFollowers !== undefined ? { allowFollowers } : {}), ...(mentions ? { mentions } : {}) }) };
  });

  // "Follow <author>" on an article: signed in, it follows at once; otherwise it asks the reader to sign in and come back.
  app.post('/authors/:slug/follow', { schema: { params: AuthorParams, body: FollowFromArticleForm } }, async (request, reply) => {
    const account = signedInReader(request);
    if (!account) return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(sameSitePath(request.body.returnTo))}`, 303);
    await ctx.follows.followAuthor(account, request.params.slug, 'now', requestOrigin(request));
    return reply.redirect('/account?done=followed#follows', 303);
  });

  // "Follow <reader>" on a reader's public page, the same way.
  app.post('/readers/:id/follow', { schema: { params: FollowParams } }, async (request, reply) => {
    const account = signedInReader(request);
    if (!account) return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(`/readers/${request.params.id}`)}`, 303);
    await ctx.follows.followCommenter(account, request.params.id, 'now', requestOrigin(request));
    return reply.redirect('/account?done=followed#follows', 303);
  });

  app.post('/account/follows', { schema: { body: FollowAuthorForm } }, async (request, reply) => {
    await ctx.follows.followAuthor(readerOf(request), request.body.author, request.body.delivery ?? 'now', requestOrigin(request));
    return reply.redirect('/account?done=followed#follows', 303);
  });

  app.post('/account/follows/:id', { schema: { params: FollowParams, body: DeliveryForm } }, async (request, reply) => {
    await ctx.follows.setDelivery(readerOf(request), request.params.id, request.body.delivery);
    return reply.redirect('/account?done=delivery#follows', 303);
  });

  app.post('/account/follows/:id/unfollow', { schema: { params: FollowParams } }, async (request, reply) => {
    await ctx.follows.unfollow(readerOf(request), request.params.id);
    return reply.redirect('/account?done=unfollowed#follows', 303);
  });

  app.post('/account/notifications', { schema: { body: SettingsForm } }, async (request, reply) => {
    await ctx.follows.updateSettings(readerOf(request), { allowFollowers: request.body.allowFollowers === 'on', mentions: request.body.mentions });
    return reply.redirect('/account?done=notifications#follows', 303);
  });
};
