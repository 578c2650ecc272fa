import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpContext } from '../context.js';
import { requireStaff } from '../staff-guard.js';
import { NewCommentBody, ThreadKeyParams, ThreadQuery } from './schemas.js';
import { votedJustNow } from '../own-votes.js';
import { siteKey, siteThread } from '../response-cache.js';

/** What a reader has typed after an `@`: the start of a name, which begins with a letter. */
const MentionQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, pattern: "^\\p{L}[\\p{L}\\p{M}\\p{N}' .’_-]*$" })) });

export const threadRoutes: FastifyPluginAsyncTypebox<{ ctx: HttpContext }> = async (app, { ctx }) => {
  app.get('/api/v1/threads/:key/comments', { schema: { params: ThreadKeyParams, querystring: ThreadQuery } }, async (request, reply) => {
    const { key } = request.params;
    const { sort = 'oldest', cursor = null, limit } = request.query;
    const json = 'application/json; charset=utf-8';
    const siteId = request.site.id;
    // The first page is the same for every reader of the site and by far the most requested: kept until the thread changes.
    if (cursor === null) {
      const build = async () => JSON.stringify(await ctx.comments.listThread(siteId, key, sort, null, limit));
      const body = await ctx.cache.getOrBuild(siteKey(siteId, `api:${key}:${sort}:${limit ?? ''}`), siteThread(siteId, key), build, {
        withVotesCounted: votedJustNow(request),
      });
      return reply.type(json).send(body);
    }
    return reply.type(json).send(JSON.stringify(await ctx.comments.listThread(siteId, key, sort, cursor, limit)));
  });

  // Not cached: it depends on who asks.
  app.get('/api/v1/threads/:key/comments/mine', { schema: { params: ThreadKeyParams } }, async (request, reply) => {
    const pending = await ctx.comments.pendingFor(request.params.key, ctx.readers.identify(request, reply));
    return reply.header('cache-control', 'private, no-store').send({ pending });
  });

  // Names to offer after an `@` in the comment box; limited like votes, as a typist asks often.
  app.get('/api/v1/threads/:key/mention-suggestions', { schema: { params: ThreadKeyParams, querystring: MentionQuery } }, async (request, reply) => {
    await ctx.comments.enforceRate('mention lookup', ctx.readers.identify(request, reply), ctx.config.rateLimits.votes);
    const suggestions = await ctx.mentions.suggest(request.site.id, request.params.key, request.query.q ?? '');
    return reply.header('cache-control', 'private, no-store').send({ suggestions });
  });

  app.post('/api/v1/threads/:key/comments', { schema: { params: ThreadKeyParams, body: NewCommentBody } }, async (request, reply) => {
    const reader = ctx.readers.identify(request, reply, { create: true });
    const posted = await ctx.comments.postComment(request.params.key, request.body, reader);
    if (posted.status === 'pending') {
      return reply.status(202).send({ comment: { ...posted.comment, status: 'pending' }, editToken: posted.editToken });
    }
    return reply.status(201).send({ comment: posted.comment, editToken: posted.editToken });
  });

  // The passages of the article that readers commented on: the margin counts and "Inline Feedbacks".
  app.get('/api/v1/threads/:key/passages', { schema: { params: ThreadKeyParams } }, async (request) => ({
    passages: await ctx.comments.passages.passages(request.site.id, request.params.key),
  }));

  // Staff close a discussion to new comments and edits, or open it again.
  app.patch(
    '/api/v1/moderation/threads/:key',
    { schema: { params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) }), body: Type.Object({ closed: Type.Boolean() }) } },
    async (request) => {
      await ctx.comments.setClosed(request.params.key, request.body.closed, requireStaff(ctx, request));
      return { key: request.params.key, closed: request.body.closed };
    },
  );
};
